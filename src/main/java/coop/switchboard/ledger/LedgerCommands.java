package coop.switchboard.ledger;

import coop.switchboard.shared.CliCommand;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.io.BufferedWriter;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;

/** {@code journal export --from D --to D --out FILE}: the general-ledger journal as CSV, checked to balance first. */
@Configuration(proxyBeanMethods = false)
class LedgerCommands {

    @Bean
    CliCommand journalExport(JournalService journal) {
        return new CliCommand() {
            @Override
            public String name() {
                return "journal export";
            }

            @Override
            public String summary() {
                return "write the general-ledger journal as CSV: journal export --from YYYY-MM-DD --to YYYY-MM-DD --out FILE";
            }

            @Override
            public int run(List<String> args, PrintStream out) throws Exception {
                LocalDate from = null;
                LocalDate to = null;
                Path file = null;
                for (int i = 0; i < args.size(); i++) {
                    String option = args.get(i);
                    if (i + 1 >= args.size()) {
                        throw new IllegalArgumentException(option + " needs a value");
                    }
                    String value = args.get(++i);
                    switch (option) {
                        case "--from" -> from = date(option, value);
                        case "--to" -> to = date(option, value);
                        case "--out" -> file = Path.of(value);
                        default -> throw new IllegalArgumentException("unknown option '" + option + "' (--from D --to D --out FILE)");
                    }
                }
                if (from == null || to == null || file == null) {
                    throw new IllegalArgumentException("usage: journal export --from YYYY-MM-DD --to YYYY-MM-DD --out FILE");
                }
                List<LocalDate> unbalanced = journal.unbalancedDays(from, to);
                if (!unbalanced.isEmpty()) {
                    out.println("the journal does not balance on " + unbalanced + "; nothing was written");
                    return 1;
                }
                int lines;
                try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
                    lines = journal.exportCsv(from, to, w);
                }
                out.printf("{\"command\":\"journal export\",\"from\":\"%s\",\"to\":\"%s\",\"lines\":%d,\"file\":\"%s\"}%n", from, to, lines,
                        file.toString().replace("\\", "\\\\").replace("\"", "\\\""));
                return 0;
            }
        };
    }

    private static LocalDate date(String option, String value) {
        try {
            return LocalDate.parse(value);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(option + " '" + value + "' is not a date (YYYY-MM-DD)");
        }
    }
}
