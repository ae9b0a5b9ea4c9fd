package coop.switchboard.metering;

import coop.switchboard.shared.InvalidInputException;
import coop.switchboard.shared.ServiceType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Usage over time for charts and at-a-glance summaries: per month from the valid register reads (a period's usage
 * counts in the month of the read that ends it, the way it is billed), and per hour of a day from interval data.
 * A service point's months span meter exchanges, since each meter's reads are taken only while it stood there.
 */
@Service
public class UsageHistory {
    private final JdbcClient jdbc;

    UsageHistory(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * A month's usage of the main register (kWh, gallons or ccf), the days its read periods covered, and whether any
     * of them ended in an estimated read. {@code usage} is null for a month without a read.
     */
    public record MonthUsage(YearMonth month, Register register, BigDecimal usage, int days, boolean estimated) {
        public boolean hasUsage() {
            return usage != null;
        }
    }

    /** A whole-hour's kWh (ten-thousandths summed to four decimals), and how many of its intervals arrived. */
    public record HourUsage(int hour, BigDecimal kwh, int readings, int expected) {
        public boolean complete() {
            return readings == expected;
        }
    }

    private record Row(long key, long meterId, Register register, LocalDate day, BigDecimal reading, ReadType type, int dials,
                       BigDecimal multiplier, ServiceType service) {
    }

    /**
     * Each service point's months from {@code first} through {@code last}, oldest first, one entry per month (empty
     * months included). Service points without a meter get no entry.
     */
    public Map<Long, List<MonthUsage>> byServicePoint(Collection<Long> servicePointIds, YearMonth first, YearMonth last) {
        check(first, last);
        if (servicePointIds.isEmpty()) {
            return Map.of();
        }
        List<Row> rows = jdbc.sql("""
                        select i.service_point_id as key, r.meter_id, r.register, r.read_date, r.reading, r.read_type, m.dials,
                               m.multiplier, m.service_type
                          from metering.meter_installation i
                          join metering.meter m on m.id = i.meter_id
                          join metering.register_read r on r.meter_id = i.meter_id
                         where i.service_point_id = any(?) and r.status = 'VALID' and r.register in ('KWH', 'GALLONS', 'CCF')
                           and r.read_date >= i.installed_on and (i.removed_on is null or r.read_date <= i.removed_on)
                           and r.read_date >= ? and r.read_date <= ?
                         order by i.service_point_id, r.meter_id, r.register, r.read_at, r.id""")
                .params(servicePointIds.toArray(Long[]::new), lookbackStart(first), last.atEndOfMonth())
                .query((rs, n) -> row(rs)).list();
        return months(rows, first, last);
    }

    /** One meter's months from {@code first} through {@code last}, oldest first, wherever it stood. */
    public List<MonthUsage> forMeter(long meterId, YearMonth first, YearMonth last) {
        check(first, last);
        List<Row> rows = jdbc.sql("""
                        select r.meter_id as key, r.meter_id, r.register, r.read_date, r.reading, r.read_type, m.dials, m.multiplier,
                               m.service_type
                          from metering.register_read r join metering.meter m on m.id = r.meter_id
                         where r.meter_id = ? and r.status = 'VALID' and r.register in ('KWH', 'GALLONS', 'CCF')
                           and r.read_date >= ? and r.read_date <= ?
                         order by r.register, r.read_at, r.id""")
                .params(meterId, lookbackStart(first), last.atEndOfMonth())
                .query((rs, n) -> row(rs)).list();
        return months(rows, first, last).getOrDefault(meterId, empty(first, last, null));
    }

    /** The latest day for which any of the meter's intervals arrived, if any ever did. */
    public java.util.Optional<LocalDate> lastIntervalDay(long meterId) {
        return jdbc.sql("select day from metering.interval_total where meter_id = ? order by day desc limit 1")
                .param(meterId).query(LocalDate.class).optional();
    }

    /** A meter's kWh per hour of one day from its intervals: 24 entries (empty hours with zero readings). */
    public List<HourUsage> hours(long meterId, LocalDate day) {
        return jdbc.sql("select minutes, slots from metering.interval_day where meter_id = ? and day = ?")
                .params(meterId, day)
                .query((rs, n) -> hourly(rs.getInt("minutes"), (Integer[]) rs.getArray("slots").getArray()))
                .optional().orElseGet(() -> hourly(60, new Integer[24]));
    }

    /** Sums a day's interval slots into hours; {@code minutes} divides 60. */
    static List<HourUsage> hourly(int minutes, Integer[] slots) {
        int perHour = 60 / minutes;
        List<HourUsage> hours = new ArrayList<>(24);
        for (int h = 0; h < 24; h++) {
            long sum = 0;
            int readings = 0;
            for (int s = h * perHour; s < (h + 1) * perHour && s < slots.length; s++) {
                if (slots[s] != null) {
                    sum += slots[s];
                    readings++;
                }
            }
            hours.add(new HourUsage(h, BigDecimal.valueOf(sum, 4), readings, perHour));
        }
        return hours;
    }

    private static Row row(java.sql.ResultSet rs) throws java.sql.SQLException {
        return new Row(rs.getLong("key"), rs.getLong("meter_id"), Register.valueOf(rs.getString("register")),
                rs.getObject("read_date", LocalDate.class), rs.getBigDecimal("reading"), ReadType.valueOf(rs.getString("read_type")),
                rs.getInt("dials"), rs.getBigDecimal("multiplier"), ServiceType.valueOf(rs.getString("service_type")));
    }

    /** Reads from two months before the first month, so the first month's opening read is found. */
    private static LocalDate lookbackStart(YearMonth first) {
        return first.minusMonths(2).atDay(1);
    }

    private static void check(YearMonth first, YearMonth last) {
        if (first == null || last == null) {
            throw new InvalidInputException(first == null ? "from" : "to", "is required");
        }
        if (last.isBefore(first)) {
            throw new InvalidInputException("to", "is before from (" + first + ")");
        }
        if (ChronoUnit.MONTHS.between(first, last) >= 120) {
            throw new InvalidInputException("to", "is more than 120 months after from");
        }
    }

    /**
     * Turns ordered reads (by key, meter, register, time) into months: each read after the first of its meter and
     * register ends a period whose usage counts in the read's month. The main register is kWh for electric meters;
     * for water, whichever of gallons and ccf the meters were read in (gallons when both).
     */
    private static Map<Long, List<MonthUsage>> months(List<Row> rows, YearMonth first, YearMonth last) {
        Map<Long, Map<YearMonth, BigDecimal>> usage = new HashMap<>();
        Map<Long, Map<YearMonth, Integer>> days = new HashMap<>();
        Map<Long, Map<YearMonth, Boolean>> estimated = new HashMap<>();
        Map<Long, Register> main = new HashMap<>();
        for (Row r : rows) {
            main.merge(r.key(), r.register(), (a, b) -> a == Register.GALLONS || b == Register.GALLONS ? Register.GALLONS : a);
        }
        Row previous = null;
        for (Row r : rows) {
            boolean continues = previous != null && previous.key() == r.key() && previous.meterId() == r.meterId()
                    && previous.register() == r.register();
            if (continues && r.register() == main.get(r.key()) && r.type() != ReadType.INITIAL && r.day().isAfter(previous.day())) {
                YearMonth month = YearMonth.from(r.day());
                if (!month.isBefore(first) && !month.isAfter(last)) {
                    BigDecimal used = Dials.usage(previous.reading(), r.reading(), r.dials(), r.multiplier());
                    usage.computeIfAbsent(r.key(), k -> new TreeMap<>()).merge(month, used, BigDecimal::add);
                    days.computeIfAbsent(r.key(), k -> new HashMap<>())
                            .merge(month, (int) ChronoUnit.DAYS.between(previous.day(), r.day()), Integer::sum);
                    estimated.computeIfAbsent(r.key(), k -> new HashMap<>()).merge(month, r.type() == ReadType.ESTIMATED, Boolean::logicalOr);
                }
            }
            previous = r;
        }
        Map<Long, List<MonthUsage>> result = new HashMap<>();
        for (Map.Entry<Long, Register> e : main.entrySet()) {
            long key = e.getKey();
            List<MonthUsage> list = new ArrayList<>();
            for (YearMonth m = first; !m.isAfter(last); m = m.plusMonths(1)) {
                BigDecimal u = usage.getOrDefault(key, Map.of()).get(m);
                list.add(new MonthUsage(m, e.getValue(), u, days.getOrDefault(key, Map.of()).getOrDefault(m, 0),
                        estimated.getOrDefault(key, Map.of()).getOrDefault(m, false)));
            }
            result.put(key, List.copyOf(list));
        }
        return result;
    }

    private static List<MonthUsage> empty(YearMonth first, YearMonth last, Register register) {
        List<MonthUsage> list = new ArrayList<>();
        for (YearMonth m = first; !m.isAfter(last); m = m.plusMonths(1)) {
            list.add(new MonthUsage(m, register, null, 0, false));
        }
        return List.copyOf(list);
    }
}
