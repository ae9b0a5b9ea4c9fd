package coop.switchboard.metering;

import coop.switchboard.shared.CliCommand;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;

/** {@code import reads FILE} and {@code import intervals FILE}: each prints the rejected lines, then one line of JSON. */
@Configuration(proxyBeanMethods = false)
class MeteringCommands {

    @Bean
    CliCommand importReads(ReadImportService reads) {
        return new FileCommand("import reads", "import register reads from CSV (meter,register,read_date,reading,type,source,reader)") {
            @Override
            ImportResult importFile(InputStream in, String name) {
                return reads.importCsv(in, name);
            }
        };
    }

    @Bean
    CliCommand importIntervals(IntervalService intervals) {
        return new FileCommand("import intervals", "import interval data from CSV (meter,start,minutes,kwh)") {
            @Override
            ImportResult importFile(InputStream in, String name) {
                return intervals.importCsv(in, name);
            }
        };
    }

    private abstract static class FileCommand implements CliCommand {
        private final String name;
        private final String summary;

        FileCommand(String name, String summary) {
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

        abstract ImportResult importFile(InputStream in, String name);

        @Override
        public int run(List<String> args, PrintStream out) throws Exception {
            if (args.size() != 1 || args.getFirst().startsWith("--")) {
                throw new IllegalArgumentException("usage: " + name + " FILE");
            }
            Path file = Path.of(args.getFirst());
            ImportResult result;
            try (InputStream in = Files.newInputStream(file)) {
                result = importFile(in, file.getFileName().toString());
            } catch (NoSuchFileException e) {
                throw new IllegalArgumentException("no such file: " + file);
            }
            for (String line : result.rejected()) {
                out.println("rejected " + line);
            }
            if (result.rejectedCount() > result.rejected().size()) {
                out.println("... and " + (result.rejectedCount() - result.rejected().size()) + " more rejected lines");
            }
            if (result.alreadyImported()) {
                out.println("this file was imported before; nothing was added");
            }
            out.println(result.json());
            return 0;
        }
    }
}
