package coop.switchboard.billing;

import coop.switchboard.shared.CliCommand;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.PrintStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Locale;

/**
 * {@code bill-extract --run N [--format csv|json] --out FILE}: writes a bill run's paper bills for the print vendor
 * (docs/billing.md, "Print extract") and ends with one line of JSON. The file appears whole or not at all: it is
 * written beside its name and moved into place when complete.
 */
@Configuration(proxyBeanMethods = false)
class DocumentCommands {
    static final String USAGE = "usage: bill-extract --run N [--format csv|json] --out FILE";

    @Bean
    CliCommand billExtractCommand(BillDocumentService documents) {
        return new CliCommand() {
            @Override
            public String name() {
                return "bill-extract";
            }

            @Override
            public String summary() {
                return "write a bill run's issued paper bills for the print vendor: bill-extract --run N [--format csv|json] --out FILE";
            }

            @Override
            public int run(List<String> args, PrintStream out) throws IOException {
                Long run = null;
                String format = "csv";
                Path file = null;
                for (int i = 0; i < args.size(); i++) {
                    String arg = args.get(i);
                    if (!arg.equals("--run") && !arg.equals("--format") && !arg.equals("--out")) {
                        throw new IllegalArgumentException("unknown option '" + arg + "' (" + USAGE.substring("usage: ".length()) + ")");
                    }
                    if (i + 1 >= args.size() || args.get(i + 1).startsWith("--")) {
                        throw new IllegalArgumentException(arg + " needs a value");
                    }
                    String value = args.get(++i);
                    switch (arg) {
                        case "--run" -> run = runId(value);
                        case "--format" -> {
                            format = value.toLowerCase(Locale.ROOT);
                            if (!format.equals("csv") && !format.equals("json")) {
                                throw new IllegalArgumentException("--format '" + value + "' is not csv or json");
                            }
                        }
                        default -> file = Path.of(value);
                    }
                }
                if (run == null) {
                    throw new IllegalArgumentException("--run is required; " + USAGE);
                }
                if (file == null) {
                    throw new IllegalArgumentException("--out is required; " + USAGE);
                }
                Path target = file.toAbsolutePath();
                if (Files.isDirectory(target)) {
                    throw new IllegalArgumentException("--out '" + file + "' is a directory");
                }
                if (target.getParent() != null && !Files.isDirectory(target.getParent())) {
                    throw new IllegalArgumentException("--out '" + file + "': no such directory " + target.getParent());
                }
                long started = System.nanoTime();
                Path part = target.resolveSibling(target.getFileName() + ".part");
                int bills;
                try (Writer w = new BufferedWriter(Files.newBufferedWriter(part, StandardCharsets.UTF_8), 64 * 1024)) {
                    bills = documents.printExtract(run, format, w);
                } catch (RuntimeException | IOException e) {
                    Files.deleteIfExists(part);
                    throw e;
                }
                try {
                    Files.move(part, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                } catch (AtomicMoveNotSupportedException e) {
                    Files.move(part, target, StandardCopyOption.REPLACE_EXISTING);
                }
                double seconds = (System.nanoTime() - started) / 1e9;
                out.printf("Bill run %d: %,d paper bills written to %s%n", run, bills, target);
                out.printf("{\"command\":\"bill-extract\",\"run\":%d,\"format\":\"%s\",\"bills\":%d,\"file\":\"%s\",\"seconds\":%.1f}%n",
                        run, format, bills, json(target.toString()), seconds);
                return 0;
            }
        };
    }

    private static long runId(String value) {
        try {
            long id = Long.parseLong(value);
            if (id <= 0) {
                throw new NumberFormatException();
            }
            return id;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--run '" + value + "' is not a bill run number");
        }
    }

    private static String json(String s) {
        return s.replace("\\", "\\\\").replace("\"", "\\\"");
    }
}
