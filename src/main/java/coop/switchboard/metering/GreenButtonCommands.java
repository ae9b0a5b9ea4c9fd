package coop.switchboard.metering;

import coop.switchboard.shared.CliCommand;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.io.BufferedOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * {@code import greenbutton FILE --meter M} and {@code export greenbutton --meter M --from YYYY-MM-DD --to YYYY-MM-DD
 * --out FILE} ({@code --to} inclusive): each ends with one line of JSON.
 */
@Configuration(proxyBeanMethods = false)
class GreenButtonCommands {
    static final String IMPORT_USAGE = "import greenbutton FILE --meter M";
    static final String EXPORT_USAGE = "export greenbutton --meter M --from YYYY-MM-DD --to YYYY-MM-DD --out FILE";

    @Bean
    CliCommand importGreenButton(GreenButtonService greenButton) {
        return new CliCommand() {
            @Override
            public String name() {
                return "import greenbutton";
            }

            @Override
            public String summary() {
                return "import a Green Button file into a meter's interval data: " + IMPORT_USAGE;
            }

            @Override
            public int run(List<String> args, PrintStream out) {
                Options options = Options.parse(args, Set.of("--meter"), IMPORT_USAGE);
                if (options.positional() == null || options.get("--meter") == null) {
                    throw new IllegalArgumentException("usage: " + IMPORT_USAGE);
                }
                ImportResult result = greenButton.importFile(Path.of(options.positional()), options.get("--meter"));
                for (String line : result.rejected()) {
                    out.println("rejected " + line);
                }
                if (result.rejectedCount() > result.rejected().size()) {
                    out.println("... and " + (result.rejectedCount() - result.rejected().size()) + " more rejected readings");
                }
                if (result.alreadyImported()) {
                    out.println("this file was imported before; nothing was added");
                }
                out.println(result.json());
                return 0;
            }
        };
    }

    @Bean
    CliCommand exportGreenButton(GreenButtonService greenButton) {
        return new CliCommand() {
            @Override
            public String name() {
                return "export greenbutton";
            }

            @Override
            public String summary() {
                return "write a meter's interval data as a Green Button file (--to inclusive): " + EXPORT_USAGE;
            }

            @Override
            public int run(List<String> args, PrintStream out) throws Exception {
                long started = System.nanoTime();
                Options options = Options.parse(args, Set.of("--meter", "--from", "--to", "--out"), EXPORT_USAGE);
                if (options.positional() != null || options.get("--meter") == null || options.get("--from") == null
                        || options.get("--to") == null || options.get("--out") == null) {
                    throw new IllegalArgumentException("usage: " + EXPORT_USAGE);
                }
                LocalDate from = date(options, "--from");
                LocalDate to = date(options, "--to");
                Path file = Path.of(options.get("--out")).toAbsolutePath();
                if (!Files.isDirectory(file.getParent())) {
                    throw new IllegalArgumentException("--out: there is no directory " + file.getParent());
                }
                greenButton.describeExport(options.get("--meter"), from, to); // refuses a bad meter or range before a file is made
                // Written beside the target and moved into place: a failed export leaves no half-written file.
                Path partial = file.resolveSibling(file.getFileName() + ".partial");
                GreenButtonService.GreenButtonExport export;
                try (OutputStream stream = new BufferedOutputStream(Files.newOutputStream(partial), 1 << 16)) {
                    export = greenButton.export(options.get("--meter"), from, to, stream);
                } catch (RuntimeException e) {
                    Files.deleteIfExists(partial);
                    throw e;
                }
                Files.move(partial, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                if (export.empty()) {
                    out.println("meter " + export.meterNumber() + " has no intervals from " + from + " through " + to
                            + "; the file is a valid feed with no readings");
                }
                out.println(String.format(Locale.ROOT,
                        "{\"file\":\"%s\",\"kind\":\"greenbutton\",\"meter\":\"%s\",\"from\":\"%s\",\"to\":\"%s\",\"days\":%d,"
                                + "\"readings\":%d,\"bytes\":%d,\"empty\":%b,\"seconds\":%.2f}",
                        json(file.getFileName().toString()), json(export.meterNumber()), from, to, export.days(), export.readings(),
                        Files.size(file), export.empty(), (System.nanoTime() - started) / 1e9));
                return 0;
            }
        };
    }

    private static LocalDate date(Options options, String option) {
        try {
            return LocalDate.parse(options.get(option));
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(option + " must be a date YYYY-MM-DD, not '" + options.get(option) + "'");
        }
    }

    private static String json(String text) {
        return text.replace("\\", "\\\\").replace("\"", "\\\"");
    }

    /** {@code --name value} options (each at most once) and at most one positional argument. */
    private record Options(String positional, Map<String, String> values) {
        static Options parse(List<String> args, Set<String> known, String usage) {
            Map<String, String> values = new HashMap<>();
            String positional = null;
            for (int i = 0; i < args.size(); i++) {
                String arg = args.get(i);
                if (arg.startsWith("--")) {
                    String name = arg.contains("=") ? arg.substring(0, arg.indexOf('=')) : arg;
                    if (!known.contains(name)) {
                        throw new IllegalArgumentException("unknown option " + name + "; usage: " + usage);
                    }
                    String value = arg.contains("=") ? arg.substring(arg.indexOf('=') + 1) : i + 1 < args.size() ? args.get(++i) : null;
                    if (value == null || value.isBlank() || values.putIfAbsent(name, value) != null) {
                        throw new IllegalArgumentException(name + " needs one value; usage: " + usage);
                    }
                } else if (positional == null) {
                    positional = arg;
                } else {
                    throw new IllegalArgumentException("unexpected argument '" + arg + "'; usage: " + usage);
                }
            }
            return new Options(positional, values);
        }

        String get(String name) {
            return values.get(name);
        }
    }
}
