package coop.switchboard.rates;

import coop.switchboard.shared.CliCommand;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/** {@code tariff import}, {@code tariff export} and {@code tariff list}: tariffs in and out of the database. */
@Configuration(proxyBeanMethods = false)
class TariffCommands {

    @Bean
    CliCommand tariffImport(TariffService tariffs) {
        return new Command("tariff import", "import tariffs from a YAML or URDB JSON file") {
            @Override
            public int run(List<String> args, PrintStream out) throws Exception {
                String file = null;
                String code = null;
                for (int i = 0; i < args.size(); i++) {
                    switch (args.get(i)) {
                        case "--code" -> code = value(args, ++i, "--code");
                        default -> {
                            if (args.get(i).startsWith("--") || file != null) {
                                throw new IllegalArgumentException("usage: tariff import FILE [--code CODE]");
                            }
                            file = args.get(i);
                        }
                    }
                }
                if (file == null) {
                    throw new IllegalArgumentException("usage: tariff import FILE [--code CODE]");
                }
                TariffService.FileImport result = tariffs.importFile(Files.readString(Path.of(file), StandardCharsets.UTF_8), code);
                out.print(result.urdbReport());
                for (TariffService.ImportResult r : result.results()) {
                    out.printf("%s: %d added, %d changed, %d unchanged%n", r.code(), r.added().size(), r.changed().size(), r.unchanged().size());
                }
                return 0;
            }
        };
    }

    @Bean
    CliCommand tariffExport(TariffService tariffs) {
        return new Command("tariff export", "write tariffs as YAML") {
            @Override
            public int run(List<String> args, PrintStream out) throws Exception {
                String file = null;
                List<String> codes = new ArrayList<>();
                for (int i = 0; i < args.size(); i++) {
                    if (args.get(i).equals("--out")) {
                        file = value(args, ++i, "--out");
                    } else if (args.get(i).startsWith("--")) {
                        throw new IllegalArgumentException("usage: tariff export [CODE ...] [--out FILE]");
                    } else {
                        codes.add(args.get(i));
                    }
                }
                String yaml = tariffs.exportYaml(codes);
                if (file == null) {
                    out.print(yaml);
                } else {
                    Files.writeString(Path.of(file), yaml, StandardCharsets.UTF_8);
                    out.println("wrote " + file);
                }
                return 0;
            }
        };
    }

    @Bean
    CliCommand tariffList(TariffService tariffs, Clock clock) {
        return new Command("tariff list", "list rate schedules") {
            @Override
            public int run(List<String> args, PrintStream out) {
                for (TariffSummary s : tariffs.schedules(LocalDate.now(clock))) {
                    out.printf("%-8s %-36s %-8s current %s%s, %d version%s%n", s.code(), s.name(), s.service().toLowerCase(),
                            s.currentEffective() == null ? "none" : s.currentEffective(),
                            s.nextEffective() == null ? "" : ", next " + s.nextEffective(), s.versions(), s.versions() == 1 ? "" : "s");
                }
                return 0;
            }
        };
    }

    private abstract static class Command implements CliCommand {
        private final String name;
        private final String summary;

        Command(String name, String summary) {
            this.name = name;
            this.summary = summary;
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public String summary() {
            return summary;
        }

        static String value(List<String> args, int i, String option) {
            if (i >= args.size()) {
                throw new IllegalArgumentException(option + " needs a value");
            }
            return args.get(i);
        }
    }
}
