package coop.switchboard.rates;

import coop.switchboard.rates.file.TariffFiles;
import coop.switchboard.rates.file.UrdbTariff;
import coop.switchboard.rates.file.UsageFile;
import coop.switchboard.shared.InvalidInputException;
import coop.switchboard.shared.Money;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * {@code ./switchboard tariff bill --tariff FILE --usage FILE [--start YYYY-MM-DD] [--format json|text]}: rates a
 * span of usage month by month (or register period by period) and prints each month's lines and total and the grand
 * total. Pure computation: it needs no database, so it runs without starting one.
 */
public final class TariffBillCommand {
    public static final String USAGE = "tariff bill --tariff FILE --usage FILE [--start YYYY-MM-DD] [--format json|text]"
            + " [--schedule CODE] [--exempt CODE,...] [--meter-size SIZE] [--fixture TYPE=N]...";

    private TariffBillCommand() {
    }

    /** Runs the command; returns the exit status (0 done, 2 bad input). Errors go to {@code err}. */
    public static int run(List<String> args, PrintStream out, PrintStream err) {
        try {
            out.print(render(args));
            out.flush();
            return 0;
        } catch (InvalidInputException e) {
            err.println("switchboard tariff bill: " + e.getMessage().replace("; ", System.lineSeparator() + "  "));
            return 2;
        } catch (IllegalArgumentException | RatingException e) {
            err.println("switchboard tariff bill: " + e.getMessage());
            return 2;
        } catch (IOException e) {
            err.println("switchboard tariff bill: " + (e instanceof NoSuchFileException ? "no such file: " + e.getMessage() : e.toString()));
            return 2;
        }
    }

    static String render(List<String> args) throws IOException {
        String tariffFile = null;
        String usageFile = null;
        String format = "json";
        String schedule = null;
        LocalDate start = LocalDate.of(2018, 1, 1);
        Set<String> exemptions = new HashSet<>();
        String meterSize = null;
        Map<String, Integer> fixtures = new HashMap<>();
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            switch (a) {
                case "--tariff" -> tariffFile = value(args, ++i, a);
                case "--usage" -> usageFile = value(args, ++i, a);
                case "--format" -> format = value(args, ++i, a).toLowerCase(Locale.ROOT);
                case "--schedule" -> schedule = value(args, ++i, a);
                case "--meter-size" -> meterSize = value(args, ++i, a);
                case "--exempt" -> exemptions.addAll(List.of(value(args, ++i, a).split(",")));
                case "--fixture" -> {
                    String[] kv = value(args, ++i, a).split("=", 2);
                    try {
                        fixtures.put(kv[0], Integer.parseInt(kv[1].trim()));
                    } catch (RuntimeException e) {
                        throw new IllegalArgumentException("--fixture takes TYPE=COUNT, e.g. --fixture \"LED 70W=2\"");
                    }
                }
                case "--start" -> {
                    String s = value(args, ++i, a);
                    try {
                        start = LocalDate.parse(s);
                    } catch (DateTimeParseException e) {
                        throw new IllegalArgumentException("--start must be a date YYYY-MM-DD, not '" + s + "'");
                    }
                }
                default -> throw new IllegalArgumentException("unknown option '" + a + "' (usage: " + USAGE + ")");
            }
        }
        if (tariffFile == null || usageFile == null) {
            throw new IllegalArgumentException("--tariff and --usage are required (usage: " + USAGE + ")");
        }
        if (!format.equals("json") && !format.equals("text")) {
            throw new IllegalArgumentException("--format is json or text, not '" + format + "'");
        }
        TariffFiles.Read read = TariffFiles.read(Files.readString(Path.of(tariffFile), StandardCharsets.UTF_8));
        Tariff tariff = pick(read.tariffs(), schedule);
        UsageFile.Billable billable;
        try (BufferedReader in = Files.newBufferedReader(Path.of(usageFile), StandardCharsets.UTF_8)) {
            billable = UsageFile.read(in, start);
        }
        List<RatedBill> bills = PreparedTariff.of(tariff).rateMonths(billable.periods(), billable.usages(),
                new AccountAttributes(exemptions, meterSize, fixtures));
        return format.equals("json") ? json(bills) : text(tariff, bills, read.urdbNotes());
    }

    private static Tariff pick(List<Tariff> tariffs, String code) {
        if (code == null) {
            if (tariffs.size() == 1) {
                return tariffs.getFirst();
            }
            throw new IllegalArgumentException("the tariff file holds " + tariffs.size() + " schedules; choose one with --schedule ("
                    + String.join(", ", tariffs.stream().map(Tariff::code).toList()) + ")");
        }
        return tariffs.stream().filter(t -> t.code().equals(code)).findFirst().orElseThrow(() -> new IllegalArgumentException(
                "no schedule " + code + " in the tariff file (" + String.join(", ", tariffs.stream().map(Tariff::code).toList()) + ")"));
    }

    static String json(List<RatedBill> bills) {
        StringBuilder s = new StringBuilder("{\"months\":[");
        Money total = Money.ZERO;
        for (int i = 0; i < bills.size(); i++) {
            RatedBill b = bills.get(i);
            if (i > 0) {
                s.append(',');
            }
            s.append("{\"period\":").append(quote(b.period().billingMonth().toString()))
                    .append(",\"from\":").append(quote(b.period().from().toString()))
                    .append(",\"to\":").append(quote(b.period().to().toString()))
                    .append(",\"days\":").append(b.period().days())
                    .append(",\"lines\":[");
            for (int j = 0; j < b.lines().size(); j++) {
                BillLine l = b.lines().get(j);
                if (j > 0) {
                    s.append(',');
                }
                s.append("{\"description\":").append(quote(l.description()))
                        .append(",\"quantity\":").append(quote(l.quantity().value().stripTrailingZeros().toPlainString()))
                        .append(",\"unit\":").append(quote(l.unit()))
                        .append(",\"unitPrice\":").append(quote(l.unitPrice().toString()))
                        .append(",\"amount\":").append(quote(l.amount().toString()))
                        .append(",\"component\":").append(quote(l.component()))
                        .append('}');
            }
            s.append("],\"total\":").append(quote(b.total().toString())).append('}');
            total = total.plus(b.total());
        }
        s.append("],\"total\":").append(quote(total.toString())).append("}\n");
        return s.toString();
    }

    static String text(Tariff tariff, List<RatedBill> bills, List<UrdbTariff.Note> notes) {
        StringBuilder s = new StringBuilder();
        s.append(tariff.code()).append(" — ").append(tariff.name()).append('\n');
        Money total = Money.ZERO;
        for (RatedBill b : bills) {
            s.append('\n').append(b.period().billingMonth()).append("  (").append(b.period()).append(", ")
                    .append(b.period().days()).append(" days)\n");
            for (BillLine l : b.lines()) {
                s.append(String.format(Locale.US, "  %-58s %14s %-6s × %10s = %10s%n", l.description(),
                        l.quantity().value().stripTrailingZeros().toPlainString(), l.unit(), l.unitPrice(), l.amount()));
            }
            s.append(String.format(Locale.US, "  %-58s %46s%n", "Total", b.total()));
            total = total.plus(b.total());
        }
        s.append(String.format(Locale.US, "%nTotal for %d periods: %s%n", bills.size(), total));
        if (!notes.isEmpty()) {
            s.append("\nURDB import notes:\n").append(UrdbTariff.describe(notes));
        }
        return s.toString();
    }

    private static String value(List<String> args, int i, String option) {
        if (i >= args.size()) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return args.get(i);
    }

    static String quote(String s) {
        StringBuilder q = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> q.append("\\\"");
                case '\\' -> q.append("\\\\");
                case '\n' -> q.append("\\n");
                case '\r' -> q.append("\\r");
                case '\t' -> q.append("\\t");
                default -> {
                    if (c < 0x20) {
                        q.append(String.format("\\u%04x", (int) c));
                    } else {
                        q.append(c);
                    }
                }
            }
        }
        return q.append('"').toString();
    }
}
