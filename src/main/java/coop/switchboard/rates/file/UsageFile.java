package coop.switchboard.rates.file;

import coop.switchboard.rates.IntervalData;
import coop.switchboard.rates.Measure;
import coop.switchboard.rates.Usage;
import coop.switchboard.shared.InvalidInputException;
import coop.switchboard.shared.Quantity;
import coop.switchboard.shared.ServicePeriod;

import java.io.BufferedReader;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The usage files {@code ./switchboard tariff bill} reads, turned into the periods to rate and their usage:
 * <ul>
 * <li>one number per line: hourly kW (= kWh in each hour), as NREL SAM load files, starting at {@code start};</li>
 * <li>CSV with header {@code start,kwh}: intervals of any one length (5 to 60 minutes ...), rated by calendar month;</li>
 * <li>CSV with header {@code from,to,kwh,kw}: register totals, one service period per row ({@code to} is the next
 * read date, not billed itself; {@code kw} may be empty).</li>
 * </ul>
 * Every rejected line is reported with its line number.
 */
public final class UsageFile {

    /** The periods to rate, in order, with their usage. */
    public record Billable(List<ServicePeriod> periods, List<Usage> usages) {
    }

    private UsageFile() {
    }

    public static Billable read(BufferedReader in, LocalDate start) throws IOException {
        String first = in.readLine();
        int line = 1;
        while (first != null && first.isBlank()) {
            first = in.readLine();
            line++;
        }
        if (first == null) {
            throw new InvalidInputException("usage", "the usage file is empty");
        }
        String header = first.trim().toLowerCase(Locale.ROOT).replace(" ", "").replace("\"", "");
        if (header.startsWith("\ufeff")) {
            header = header.substring(1);
        }
        if (header.equals("start,kwh")) {
            return intervals(in, line);
        }
        if (header.equals("from,to,kwh,kw") || header.equals("from,to,kwh")) {
            return registers(in, line);
        }
        if (!Character.isDigit(header.charAt(0)) && header.charAt(0) != '-' && header.charAt(0) != '.') {
            throw new InvalidInputException("usage line " + line, "unknown header '" + first.trim()
                    + "' (expected one number per line, 'start,kwh', or 'from,to,kwh,kw')");
        }
        return hourly(first, in, line, start);
    }

    private static Billable hourly(String first, BufferedReader in, int firstLine, LocalDate start) throws IOException {
        List<Long> values = new ArrayList<>(8784);
        List<InvalidInputException.Violation> errors = new ArrayList<>();
        String text = first;
        int line = firstLine;
        while (text != null) {
            if (!text.isBlank()) {
                try {
                    values.add(units(text.trim()));
                } catch (NumberFormatException e) {
                    errors.add(new InvalidInputException.Violation("usage line " + line, "'" + text.trim() + "' is not a number of kW"));
                }
            }
            text = in.readLine();
            line++;
        }
        check(errors);
        long[] data = values.stream().mapToLong(Long::longValue).toArray();
        return byMonth(new IntervalData(start.atStartOfDay(), 60, data));
    }

    private static Billable intervals(BufferedReader in, int headerLine) throws IOException {
        List<Long> values = new ArrayList<>();
        List<InvalidInputException.Violation> errors = new ArrayList<>();
        LocalDateTime first = null;
        LocalDateTime previous = null;
        int minutes = 0;
        int line = headerLine;
        String text;
        while ((text = in.readLine()) != null) {
            line++;
            if (text.isBlank()) {
                continue;
            }
            String[] cells = text.split(",", -1);
            String where = "usage line " + line;
            if (cells.length != 2) {
                errors.add(new InvalidInputException.Violation(where, "needs 2 values (start,kwh), found " + cells.length));
                continue;
            }
            LocalDateTime at;
            try {
                String s = cells[0].trim().replace(' ', 'T');
                at = s.length() == 10 ? LocalDate.parse(s).atStartOfDay() : LocalDateTime.parse(s);
            } catch (DateTimeParseException e) {
                errors.add(new InvalidInputException.Violation(where, "start '" + cells[0].trim() + "' is not a date-time YYYY-MM-DDThh:mm"));
                continue;
            }
            if (previous == null) {
                first = at;
            } else {
                long step = java.time.Duration.between(previous, at).toMinutes();
                if (minutes == 0) {
                    if (step <= 0 || 1440 % step != 0) {
                        errors.add(new InvalidInputException.Violation(where, "intervals must be a whole fraction of a day apart and in order ("
                                + step + " minutes after the previous one)"));
                        previous = at;
                        continue;
                    }
                    minutes = (int) step;
                } else if (step != minutes) {
                    errors.add(new InvalidInputException.Violation(where, "starts " + step + " minutes after the previous interval; the file's intervals are "
                            + minutes + " minutes (a gap or a repeat)"));
                    previous = at;
                    continue;
                }
            }
            previous = at;
            try {
                values.add(units(cells[1].trim()));
            } catch (NumberFormatException e) {
                errors.add(new InvalidInputException.Violation(where, "kwh '" + cells[1].trim() + "' is not a number"));
            }
        }
        if (first == null && errors.isEmpty()) {
            throw new InvalidInputException("usage", "the usage file has a header but no intervals");
        }
        check(errors);
        if (minutes == 0) {
            minutes = 60;
        }
        return byMonth(new IntervalData(first, minutes, values.stream().mapToLong(Long::longValue).toArray()));
    }

    private static Billable registers(BufferedReader in, int headerLine) throws IOException {
        List<ServicePeriod> periods = new ArrayList<>();
        List<Usage> usages = new ArrayList<>();
        List<InvalidInputException.Violation> errors = new ArrayList<>();
        int line = headerLine;
        String text;
        while ((text = in.readLine()) != null) {
            line++;
            if (text.isBlank()) {
                continue;
            }
            String[] cells = text.split(",", -1);
            String where = "usage line " + line;
            if (cells.length < 3 || cells.length > 4) {
                errors.add(new InvalidInputException.Violation(where, "needs from,to,kwh[,kw], found " + cells.length + " values"));
                continue;
            }
            try {
                LocalDate from = LocalDate.parse(cells[0].trim());
                LocalDate to = LocalDate.parse(cells[1].trim());
                if (!to.isAfter(from)) {
                    errors.add(new InvalidInputException.Violation(where, "to (" + to + ") must be after from (" + from + ")"));
                    continue;
                }
                Map<Measure, Quantity> totals = new EnumMap<>(Measure.class);
                totals.put(Measure.KWH, Quantity.ofTenThousandths(units(cells[2].trim())));
                if (cells.length == 4 && !cells[3].isBlank()) {
                    totals.put(Measure.KW, Quantity.ofTenThousandths(units(cells[3].trim())));
                }
                periods.add(new ServicePeriod(from, to));
                usages.add(Usage.of(totals));
            } catch (DateTimeParseException e) {
                errors.add(new InvalidInputException.Violation(where, "dates must be YYYY-MM-DD"));
            } catch (NumberFormatException e) {
                errors.add(new InvalidInputException.Violation(where, "kwh and kw must be numbers"));
            }
        }
        if (periods.isEmpty() && errors.isEmpty()) {
            throw new InvalidInputException("usage", "the usage file has a header but no rows");
        }
        check(errors);
        return new Billable(periods, usages);
    }

    /** Calendar months covered by the data (a partial first or last month is a shorter period). */
    private static Billable byMonth(IntervalData data) {
        if (data.size() == 0) {
            throw new InvalidInputException("usage", "the usage file has no values");
        }
        List<ServicePeriod> periods = new ArrayList<>();
        List<Usage> usages = new ArrayList<>();
        LocalDate from = data.start().toLocalDate();
        if (!data.start().toLocalTime().equals(java.time.LocalTime.MIDNIGHT)) {
            from = from.plusDays(1);
        }
        LocalDate end = data.end().toLocalDate();
        Usage usage = Usage.intervals(data);
        while (from.isBefore(end)) {
            LocalDate to = YearMonth.from(from).plusMonths(1).atDay(1);
            if (to.isAfter(end)) {
                to = end;
            }
            periods.add(new ServicePeriod(from, to));
            usages.add(usage);
            from = to;
        }
        if (periods.isEmpty()) {
            throw new InvalidInputException("usage", "the usage file covers less than one whole day");
        }
        return new Billable(periods, usages);
    }

    private static long units(String text) {
        return new BigDecimal(text).setScale(Quantity.SCALE, RoundingMode.HALF_UP).unscaledValue().longValueExact();
    }

    private static void check(List<InvalidInputException.Violation> errors) {
        if (!errors.isEmpty()) {
            throw new InvalidInputException(errors.size() > 50 ? errors.subList(0, 50) : errors);
        }
    }
}
