package coop.switchboard.payments;

import coop.switchboard.shared.CliCommand;
import coop.switchboard.shared.InvalidInputException;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.io.BufferedWriter;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The payment jobs on the command line: {@code lockbox import FILE}, {@code ach drafts --date D --out FILE},
 * {@code ach returns FILE} and {@code refund checks --date D --out FILE}. Each ends with one line of JSON.
 */
@Configuration(proxyBeanMethods = false)
class PaymentCommands {

    @Bean
    CliCommand lockboxImportCommand(LockboxImport lockbox) {
        return command("lockbox import", "post a bank lockbox or remittance file (BAI2, BAI lockbox or CSV): lockbox import FILE", args -> {
            Path file = onlyFile(args, "lockbox import FILE");
            LockboxImport.Result r = lockbox.importFile(file.getFileName().toString(), Files.readAllBytes(file));
            LockboxImport.FileView f = r.file();
            if (f.rejected()) {
                return new Outcome(1, f.fileName() + " was rejected, nothing was posted: " + f.reason(),
                        "{\"command\":\"lockbox import\",\"file\":" + json(f.fileName()) + ",\"status\":\"REJECTED\",\"reason\":" + json(f.reason()) + "}");
            }
            String status = r.duplicate() ? "DUPLICATE" : "POSTED";
            String text = r.duplicate()
                    ? f.fileName() + " was imported before (import " + f.id() + "); nothing was posted again"
                    : String.format("%s (%s): %d items, $%s; %d posted ($%s), %d in suspense ($%s)", f.fileName(), f.format(), f.items(), f.total(),
                    f.posted(), f.postedTotal(), f.suspense(), f.suspenseTotal());
            return new Outcome(0, text, String.format("{\"command\":\"lockbox import\",\"file\":%s,\"status\":\"%s\",\"items\":%d,\"total\":%s,"
                    + "\"posted\":%d,\"postedTotal\":%s,\"suspense\":%d,\"suspenseTotal\":%s}", json(f.fileName()), status, f.items(), f.total(),
                    f.posted(), f.postedTotal(), f.suspense(), f.suspenseTotal()));
        });
    }

    @Bean
    CliCommand achDraftsCommand(AchService ach) {
        return command("ach drafts", "write the NACHA autopay drafts file for a due date: ach drafts --date YYYY-MM-DD --out FILE", args -> {
            Map<String, String> o = options(args, Set.of("--date", "--out"), "ach drafts --date YYYY-MM-DD --out FILE");
            LocalDate date = date("--date", o.get("--date"));
            Path out = Path.of(o.get("--out"));
            AchService.DraftFile f = ach.drafts(date);
            if (f.content() == null) {
                return new Outcome(0, "no drafts are due on " + date + " (nothing written)" + skipped(f),
                        "{\"command\":\"ach drafts\",\"date\":\"" + date + "\",\"entries\":0}");
            }
            Files.writeString(out, f.content(), StandardCharsets.US_ASCII);
            String text = String.format("%s %s: %d debits ($%s), %d refund credits ($%s), %d prenotes -> %s%s", f.fileName(),
                    f.created() ? "made" : "(made before, written again)", f.debits(), f.debitTotal(), f.credits(), f.creditTotal(), f.prenotes(),
                    out, skipped(f));
            return new Outcome(0, text, String.format("{\"command\":\"ach drafts\",\"date\":\"%s\",\"file\":%s,\"debits\":%d,\"debitTotal\":%s,"
                            + "\"credits\":%d,\"creditTotal\":%s,\"prenotes\":%d,\"created\":%b}", date, json(out.toString()), f.debits(), f.debitTotal(),
                    f.credits(), f.creditTotal(), f.prenotes(), f.created()));
        });
    }

    @Bean
    CliCommand achReturnsCommand(AchReturns ach) {
        return command("ach returns", "read the bank's ACH return and notification-of-change file: ach returns FILE", args -> {
            Path file = onlyFile(args, "ach returns FILE");
            AchReturns.ReturnsResult r = ach.returns(file.getFileName().toString(), Files.readString(file, StandardCharsets.ISO_8859_1));
            String text = r.alreadyRead() ? String.join("\n", r.outcomes())
                    : r.returns() + " returns, " + r.corrections() + " corrections, " + r.unmatched() + " unmatched\n" + String.join("\n", r.outcomes());
            return new Outcome(0, text, String.format("{\"command\":\"ach returns\",\"file\":%s,\"alreadyRead\":%b,\"returns\":%d,\"corrections\":%d,"
                    + "\"unmatched\":%d}", json(file.toString()), r.alreadyRead(), r.returns(), r.corrections(), r.unmatched()));
        });
    }

    @Bean
    CliCommand refundChecksCommand(RefundService refunds) {
        return command("refund checks", "write the positive-pay file of refund checks issued on a day: refund checks --date YYYY-MM-DD --out FILE",
                args -> {
                    Map<String, String> o = options(args, Set.of("--date", "--out"), "refund checks --date YYYY-MM-DD --out FILE");
                    LocalDate date = date("--date", o.get("--date"));
                    Path out = Path.of(o.get("--out"));
                    int n;
                    try (BufferedWriter w = Files.newBufferedWriter(out, StandardCharsets.UTF_8)) {
                        n = refunds.writeCheckFile(date, w);
                    }
                    return new Outcome(0, n + " refund checks issued on " + date + " -> " + out,
                            String.format("{\"command\":\"refund checks\",\"date\":\"%s\",\"checks\":%d,\"file\":%s}", date, n, json(out.toString())));
                });
    }

    private record Outcome(int status, String text, String json) {
    }

    private interface Job {
        Outcome run(List<String> args) throws Exception;
    }

    private static CliCommand command(String name, String summary, Job job) {
        return new CliCommand() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public String summary() {
                return summary;
            }

            @Override
            public int run(List<String> args, PrintStream out) throws Exception {
                try {
                    Outcome o = job.run(args);
                    out.println(o.text());
                    out.println(o.json());
                    return o.status();
                } catch (InvalidInputException e) {
                    out.println(e.getMessage());
                    e.violations().forEach(v -> out.println("  " + v.field() + ": " + v.message()));
                    return 1;
                }
            }
        };
    }

    private static Path onlyFile(List<String> args, String usage) {
        if (args.size() != 1 || args.getFirst().startsWith("--")) {
            throw new IllegalArgumentException("usage: " + usage);
        }
        Path file = Path.of(args.getFirst());
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("no file " + file);
        }
        return file;
    }

    private static Map<String, String> options(List<String> args, Set<String> known, String usage) {
        Map<String, String> values = new HashMap<>();
        for (int i = 0; i < args.size(); i++) {
            String option = args.get(i);
            if (!known.contains(option)) {
                throw new IllegalArgumentException("unknown option '" + option + "' (usage: " + usage + ")");
            }
            if (i + 1 >= args.size()) {
                throw new IllegalArgumentException(option + " needs a value");
            }
            values.put(option, args.get(++i));
        }
        for (String k : known) {
            if (!values.containsKey(k)) {
                throw new IllegalArgumentException("usage: " + usage);
            }
        }
        return values;
    }

    private static LocalDate date(String option, String value) {
        try {
            return LocalDate.parse(value);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(option + " '" + value + "' is not a date (YYYY-MM-DD)");
        }
    }

    private static String skipped(AchService.DraftFile f) {
        return f.skipped().isEmpty() ? "" : "\n" + String.join("\n", f.skipped());
    }

    private static String json(String s) {
        return s == null ? "null" : "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n") + "\"";
    }
}
