package coop.switchboard.metering;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Billing determinants per service point and period, for billing to rate: from interval data when the meter has every
 * interval of the period, otherwise from the register reads at the period's ends (spanning a meter exchange by the
 * removal and install reads). When they cannot be given, says why: a missing read, a read waiting in the exceptions
 * queue, a meter changed without its reads.
 */
@Service
public class DeterminantService {
    private final JdbcClient jdbc;

    DeterminantService(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    private record Installation(long meterId, String meterNumber, boolean ami, int dials, BigDecimal multiplier, LocalDate installedOn,
                                LocalDate removedOn) {
    }

    private record Read(long id, Register register, LocalDate day, BigDecimal reading, String type, String status) {
    }

    public Determinants forServicePoint(long servicePointId, LocalDate from, LocalDate to) {
        if (!to.isAfter(from)) {
            throw new coop.switchboard.shared.InvalidInputException("to", "must be after from");
        }
        List<Installation> installed = jdbc.sql("""
                        select m.id, m.meter_number, m.ami, m.dials, m.multiplier, i.installed_on, i.removed_on
                          from metering.meter_installation i join metering.meter m on m.id = i.meter_id
                         where i.service_point_id = ? and i.installed_on <= ? and (i.removed_on is null or i.removed_on >= ?)
                         order by i.installed_on, i.id""")
                .params(servicePointId, to, from)
                .query((rs, n) -> new Installation(rs.getLong(1), rs.getString(2), rs.getBoolean(3), rs.getInt(4), rs.getBigDecimal(5),
                        rs.getObject(6, LocalDate.class), rs.getObject(7, LocalDate.class)))
                .list();
        List<String> problems = new ArrayList<>();
        if (installed.isEmpty()) {
            problems.add("no meter was installed on service point " + servicePointId + " between " + from + " and " + to);
            return new Determinants(servicePointId, from, to, Map.of(), false, "none", null, null, List.of(), List.of(), false, problems);
        }
        if (installed.size() == 1 && installed.getFirst().ami()) {
            Determinants fromIntervals = intervals(servicePointId, installed.getFirst(), from, to);
            if (fromIntervals != null) {
                return fromIntervals;
            }
        }
        return registers(servicePointId, installed, from, to, problems);
    }

    /** From interval data, when every interval of every day of the period is there; null otherwise. */
    private Determinants intervals(long servicePointId, Installation meter, LocalDate from, LocalDate to) {
        List<Determinants.DailyUsage> daily = new ArrayList<>();
        long[] total = new long[1];
        int[] peak = {0};
        LocalDateTime[] peakAt = new LocalDateTime[1];
        boolean[] complete = {true};
        int[] peakMinutes = {60};
        jdbc.sql("select day, minutes, total, peak, readings, slots from metering.interval_day where meter_id = ? and day >= ? and day < ? order by day")
                .params(meter.meterId(), from, to)
                .query(rs -> {
                    int minutes = rs.getInt("minutes");
                    boolean full = rs.getInt("readings") == 1440 / minutes;
                    complete[0] &= full;
                    LocalDate day = rs.getObject("day", LocalDate.class);
                    total[0] += rs.getLong("total");
                    daily.add(new Determinants.DailyUsage(day, BigDecimal.valueOf(rs.getLong("total"), 4), full));
                    int dayPeak = rs.getInt("peak");
                    if (dayPeak > peak[0]) {
                        Integer[] slots = (Integer[]) rs.getArray("slots").getArray();
                        for (int s = 0; s < slots.length; s++) {
                            if (slots[s] != null && slots[s] == dayPeak) {
                                peakAt[0] = day.atStartOfDay().plusMinutes((long) s * minutes);
                                // interval kWh × 60 / minutes is the interval's average kW
                                peak[0] = dayPeak;
                                peakMinutes[0] = minutes;
                                break;
                            }
                        }
                    }
                });
        long days = to.toEpochDay() - from.toEpochDay();
        if (daily.size() != days || !complete[0]) {
            return null;
        }
        Map<Register, BigDecimal> totals = new EnumMap<>(Register.class);
        totals.put(Register.KWH, BigDecimal.valueOf(total[0], 4));
        BigDecimal peakKw = BigDecimal.valueOf((long) peak[0] * 60, 4).divide(BigDecimal.valueOf(peakMinutes[0]), 4, RoundingMode.HALF_UP);
        totals.put(Register.KW, peakKw);
        return new Determinants(servicePointId, from, to, totals, false, "intervals", peakKw, peakAt[0], daily,
                List.of(new Determinants.MeterPart(meter.meterNumber(), from, to, totals)), true, List.of());
    }

    /** From register reads at the ends of each meter's part of the period. */
    private Determinants registers(long servicePointId, List<Installation> installed, LocalDate from, LocalDate to, List<String> problems) {
        Map<Register, BigDecimal> totals = new EnumMap<>(Register.class);
        List<Determinants.MeterPart> parts = new ArrayList<>();
        boolean estimated = false;
        for (Installation meter : installed) {
            LocalDate start = meter.installedOn().isAfter(from) ? meter.installedOn() : from;
            LocalDate end = meter.removedOn() != null && meter.removedOn().isBefore(to) ? meter.removedOn() : to;
            List<Read> reads = jdbc.sql("""
                            select id, register, read_date, reading, read_type, status from metering.register_read
                             where meter_id = ? and read_date >= ? and read_date <= ? and status in ('VALID', 'EXCEPTION')
                             order by read_at, id""")
                    .params(meter.meterId(), start, end)
                    .query((rs, n) -> new Read(rs.getLong(1), Register.valueOf(rs.getString(2)), rs.getObject(3, LocalDate.class),
                            rs.getBigDecimal(4), rs.getString(5), rs.getString(6)))
                    .list();
            Map<Register, BigDecimal> usage = new EnumMap<>(Register.class);
            Map<Register, Read> first = new HashMap<>();
            Map<Register, Read> last = new HashMap<>();
            for (Read r : reads) {
                if (r.register().cumulative()) {
                    if (r.day().equals(start)) {
                        first.putIfAbsent(r.register(), r);
                    }
                    if (r.day().equals(end)) {
                        last.put(r.register(), r);
                    }
                } else if (r.day().isAfter(start) && "VALID".equals(r.status())) {
                    usage.merge(r.register(), r.reading(), BigDecimal::max);
                    totals.merge(r.register(), r.reading(), BigDecimal::max);
                }
            }
            if (first.isEmpty()) {
                problems.add("meter " + meter.meterNumber() + " has no read on " + start
                        + (start.equals(meter.installedOn()) ? " (its install read)" : " (the period's first day)"));
            }
            if (last.isEmpty()) {
                problems.add("meter " + meter.meterNumber() + " has no read on " + end
                        + (meter.removedOn() != null && end.equals(meter.removedOn()) ? " (its removal read)" : " (the read date ending the period)"));
            }
            for (Map.Entry<Register, Read> e : last.entrySet()) {
                Read a = first.get(e.getKey());
                Read b = e.getValue();
                if (a == null) {
                    continue;
                }
                for (Read r : List.of(a, b)) {
                    if ("EXCEPTION".equals(r.status())) {
                        problems.add("the " + e.getKey().unit() + " read of " + r.reading().stripTrailingZeros().toPlainString() + " on " + r.day()
                                + " (meter " + meter.meterNumber() + ") is waiting in the exceptions queue");
                    }
                }
                estimated |= "ESTIMATED".equals(a.type()) || "ESTIMATED".equals(b.type());
                BigDecimal used = Dials.usage(a.reading(), b.reading(), meter.dials(), meter.multiplier());
                usage.put(e.getKey(), used);
                totals.merge(e.getKey(), used, BigDecimal::add);
            }
            parts.add(new Determinants.MeterPart(meter.meterNumber(), start, end, usage));
        }
        return new Determinants(servicePointId, from, to, totals, estimated, installed.size() > 1 ? "registers across a meter exchange" : "registers",
                totals.get(Register.KW), null, List.of(), parts, problems.isEmpty(), problems);
    }

    /**
     * Determinants from interval data for many AMI service points at once (a bill run's agreements, set-based): kWh and
     * peak kW per service point for {@code [from, to)}; a point whose meter lacks any interval of the period is returned
     * as not billable, with the reason, so the bill run falls back to {@link #forServicePoint}.
     */
    public Map<Long, Determinants> forAmiServicePoints(List<Long> servicePointIds, LocalDate from, LocalDate to) {
        Map<Long, Determinants> result = new HashMap<>(servicePointIds.size() * 2);
        long days = to.toEpochDay() - from.toEpochDay();
        jdbc.sql("""
                        select i.service_point_id, m.meter_number, d.minutes, sum(d.total) as total, max(d.peak) as peak,
                               count(*) as days, sum(d.readings) as readings
                          from metering.meter_installation i
                          join metering.meter m on m.id = i.meter_id and m.ami
                          join metering.interval_total d on d.meter_id = m.id and d.day >= ? and d.day < ?
                         where i.service_point_id = any(?) and i.installed_on <= ? and (i.removed_on is null or i.removed_on >= ?)
                         group by i.service_point_id, m.meter_number, d.minutes""")
                .params(from, to, servicePointIds.toArray(Long[]::new), from, to)
                .query(rs -> {
                    long point = rs.getLong(1);
                    int minutes = rs.getInt(3);
                    long expected = days * (1440 / minutes);
                    boolean complete = rs.getLong(6) == days && rs.getLong(7) == expected;
                    Map<Register, BigDecimal> totals = new EnumMap<>(Register.class);
                    totals.put(Register.KWH, BigDecimal.valueOf(rs.getLong(4), 4));
                    BigDecimal peakKw = BigDecimal.valueOf(rs.getLong(5) * 60, 4).divide(BigDecimal.valueOf(minutes), 4, RoundingMode.HALF_UP);
                    totals.put(Register.KW, peakKw);
                    List<String> problems = complete ? List.of()
                            : List.of("meter " + rs.getString(2) + " has " + rs.getLong(7) + " of the period's " + expected + " intervals");
                    result.put(point, new Determinants(point, from, to, totals, false, "intervals", peakKw, null, List.of(),
                            List.of(new Determinants.MeterPart(rs.getString(2), from, to, totals)), complete, problems));
                });
        for (Long point : servicePointIds) {
            result.computeIfAbsent(point, p -> new Determinants(p, from, to, Map.of(), false, "none", null, null, List.of(), List.of(), false,
                    List.of("no interval data for service point " + p + " between " + from + " and " + to)));
        }
        return result;
    }
}
