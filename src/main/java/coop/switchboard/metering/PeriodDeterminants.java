package coop.switchboard.metering;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

import java.math.BigDecimal;
import java.sql.Date;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Determinants for many service points of one billing cycle at once (a bill run's chunk), set-based: each period ends
 * at the meter's last read in the cycle's read window and starts where the previous bill ended (or, for the first
 * bill, at the read before). A service point whose meter changed during the period is handed to
 * {@link DeterminantService#forServicePoint}, which spans the exchange. Every answer says why when it cannot be billed.
 */
@Service
public class PeriodDeterminants {
    /** How far before the read window reads are looked for when a period's start is not given. */
    private static final int LOOKBACK_DAYS = 75;
    private final JdbcClient jdbc;
    private final DeterminantService single;

    PeriodDeterminants(JdbcClient jdbc, DeterminantService single) {
        this.jdbc = jdbc;
        this.single = single;
    }

    /**
     * A service point to bill, and the day its period starts (where the previous bill ended, or the day service
     * started when {@code moveIn}), or null when unknown.
     */
    public record Request(long servicePointId, LocalDate startDay, boolean moveIn) {
    }

    /**
     * The determinants, with how many periods in a row (this one included) ended in an estimated read, the meter's
     * size, and the main register's reads at the period's ends (null when not known), for the bill to print.
     */
    public record Result(Determinants determinants, int consecutiveEstimates, String meterSize, BigDecimal previousReading,
                         BigDecimal presentReading) {
        Result(Determinants determinants, int consecutiveEstimates, String meterSize) {
            this(determinants, consecutiveEstimates, meterSize, null, null);
        }
    }

    /**
     * The meter standing on a service point on a day: its number, dials, multiplier, when it was installed there, its
     * size (water) and the billing cycle it is read on.
     */
    public record MeterAt(long servicePointId, long meterId, String number, int dials, BigDecimal multiplier, LocalDate installedOn,
                          String size, Integer cycle) {
    }

    private record Read(Register register, LocalDate day, BigDecimal reading, String type, String status) {
    }

    /**
     * The meters of some service points: the one standing on each on a day ({@code atDay}), and the one standing there
     * now ({@code current}), usually the same; points with none are left out.
     */
    public record Meters(Map<Long, MeterAt> atDay, Map<Long, MeterAt> current) {
    }

    /** The meter standing on each of these service points on {@code day} and the one standing there now. */
    public Meters metersAt(java.util.Collection<Long> servicePointIds, LocalDate day) {
        Map<Long, MeterAt> atDay = new HashMap<>(servicePointIds.size() * 2);
        Map<Long, MeterAt> current = new HashMap<>(servicePointIds.size() * 2);
        if (servicePointIds.isEmpty()) {
            return new Meters(atDay, current);
        }
        jdbc.sql("""
                        select i.service_point_id, m.id, m.meter_number, m.dials, m.multiplier, i.installed_on, m.size, m.cycle_number,
                               i.installed_on <= ? and (i.removed_on is null or i.removed_on > ?), i.removed_on is null
                          from metering.meter_installation i join metering.meter m on m.id = i.meter_id
                         where i.service_point_id = any(?) and (i.removed_on is null or (i.installed_on <= ? and i.removed_on > ?))""")
                .params(day, day, servicePointIds.toArray(Long[]::new), day, day)
                .query(rs -> {
                    MeterAt meter = new MeterAt(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getInt(4), rs.getBigDecimal(5),
                            rs.getObject(6, LocalDate.class), rs.getString(7), (Integer) rs.getObject(8));
                    if (rs.getBoolean(9)) {
                        atDay.put(meter.servicePointId(), meter);
                    }
                    if (rs.getBoolean(10)) {
                        current.put(meter.servicePointId(), meter);
                    }
                });
        return new Meters(atDay, current);
    }

    /** Determinants of each requested service point whose period ends with a read in {@code [windowFrom, windowTo]}. */
    public Map<Long, Result> forWindow(List<Request> requests, LocalDate windowFrom, LocalDate windowTo) {
        return forWindow(requests, metersAt(requests.stream().map(Request::servicePointId).toList(), windowTo).atDay(), windowFrom, windowTo);
    }

    /**
     * As {@link #forWindow(List, LocalDate, LocalDate)}, with the meters standing on the service points at the window's
     * end already looked up ({@link #metersAt}'s {@code atDay}, by a caller that needed them first to choose what to bill).
     */
    public Map<Long, Result> forWindow(List<Request> requests, Map<Long, MeterAt> meters, LocalDate windowFrom, LocalDate windowTo) {
        Map<Long, Result> results = new HashMap<>(requests.size() * 2);
        if (requests.isEmpty()) {
            return results;
        }
        LocalDate earliest = windowFrom.minusDays(LOOKBACK_DAYS);
        for (Request r : requests) {
            if (r.startDay() != null && r.startDay().isBefore(earliest)) {
                earliest = r.startDay();
            }
        }
        Map<Long, List<Read>> readsByMeter = new HashMap<>(meters.size() * 2);
        // Only the requested points' meters: the map may hold others (points the caller looked at and chose not to bill).
        Long[] meterIds = requests.stream().map(r -> meters.get(r.servicePointId())).filter(java.util.Objects::nonNull)
                .map(MeterAt::meterId).distinct().toArray(Long[]::new);
        jdbc.sql("""
                        select meter_id, register, read_date, reading, read_type, status from metering.register_read
                         where meter_id = any(?) and read_date >= ? and read_date <= ? and status in ('VALID', 'EXCEPTION')
                         order by meter_id, read_at, id""")
                .params(meterIds, Date.valueOf(earliest), Date.valueOf(windowTo))
                .query(rs -> {
                    readsByMeter.computeIfAbsent(rs.getLong(1), k -> new ArrayList<>()).add(new Read(Register.valueOf(rs.getString(2)),
                            rs.getObject(3, LocalDate.class), rs.getBigDecimal(4), rs.getString(5), rs.getString(6)));
                });
        for (Request r : requests) {
            MeterAt meter = meters.get(r.servicePointId());
            results.put(r.servicePointId(), meter == null
                    ? new Result(notBillable(r.servicePointId(), windowFrom, windowTo, "no meter stands on service point "
                    + r.servicePointId() + " at the end of the read window"), 0, null)
                    : period(r, meter, readsByMeter.getOrDefault(meter.meterId(), List.of()), windowFrom, windowTo));
        }
        return results;
    }

    private Result period(Request request, MeterAt meter, List<Read> reads, LocalDate windowFrom, LocalDate windowTo) {
        long point = request.servicePointId();
        // The end: the last read of each cumulative register in the window.
        Map<Register, Read> end = new EnumMap<>(Register.class);
        for (Read r : reads) {
            if (r.register().cumulative() && !r.day().isBefore(windowFrom)) {
                end.put(r.register(), r);
            }
        }
        Register main = end.containsKey(Register.KWH) ? Register.KWH : end.containsKey(Register.GALLONS) ? Register.GALLONS
                : end.containsKey(Register.CCF) ? Register.CCF : null;
        if (main == null) {
            return new Result(notBillable(point, windowFrom, windowTo, "meter " + meter.number() + " has no read in the read window "
                    + windowFrom + " to " + windowTo), 0, meter.size());
        }
        LocalDate to = end.get(main).day();
        if (request.startDay() != null && meter.installedOn().isAfter(request.startDay())) {
            // The meter was exchanged during the period: the single-point path adds both meters' parts.
            return new Result(single.forServicePoint(point, request.startDay(), to), 0, meter.size());
        }
        List<String> problems = new ArrayList<>();
        Map<Register, BigDecimal> totals = new EnumMap<>(Register.class);
        LocalDate from = null;
        BigDecimal previousReading = null;
        boolean estimated = false;
        for (Map.Entry<Register, Read> e : end.entrySet()) {
            Read last = e.getValue();
            if (!last.day().equals(to)) {
                continue; // a register read on another day than the main one does not belong to this period
            }
            Read first = null;
            for (Read r : reads) {
                if (r.register() == e.getKey() && "VALID".equals(r.status()) && r.day().isBefore(to)
                        && (request.startDay() == null ? !r.day().isBefore(meter.installedOn()) : r.day().equals(request.startDay()))) {
                    first = r;
                }
            }
            if (first == null) {
                if (e.getKey() == main) {
                    problems.add("meter " + meter.number() + " has no valid " + main.unit() + " read "
                            + (request.startDay() == null ? "before " + to : "on " + request.startDay()
                            + (request.moveIn() ? ", the day service started (the move-in read)" : ", where the last bill ended")));
                }
                continue;
            }
            if ("EXCEPTION".equals(last.status())) {
                problems.add("the " + e.getKey().unit() + " read of " + last.reading().stripTrailingZeros().toPlainString() + " on " + last.day()
                        + " (meter " + meter.number() + ") is waiting in the exceptions queue");
            }
            if (e.getKey() == main) {
                from = first.day();
                previousReading = first.reading();
            }
            estimated |= "ESTIMATED".equals(first.type()) || "ESTIMATED".equals(last.type());
            totals.put(e.getKey(), Dials.usage(first.reading(), last.reading(), meter.dials(), meter.multiplier()));
        }
        if (from == null) {
            from = request.startDay() != null ? request.startDay() : to.minusMonths(1);
        }
        BigDecimal kw = null;
        int consecutive = 0;
        for (Read r : reads) {
            if (r.register() == Register.KW && "VALID".equals(r.status()) && r.day().isAfter(from) && !r.day().isAfter(to)) {
                kw = kw == null ? r.reading() : kw.max(r.reading());
            }
            if (r.register() == main && !r.day().isAfter(to)) {
                consecutive = "ESTIMATED".equals(r.type()) ? consecutive + 1 : 0;
            }
        }
        if (kw != null) {
            totals.put(Register.KW, kw);
        }
        Determinants d = new Determinants(point, from, to, totals, estimated, "registers", totals.get(Register.KW), null, List.of(),
                List.of(new Determinants.MeterPart(meter.number(), from, to, totals)), problems.isEmpty(), problems);
        return new Result(d, consecutive, meter.size(), previousReading, end.get(main).reading());
    }

    private static Determinants notBillable(long point, LocalDate from, LocalDate to, String problem) {
        return new Determinants(point, from, to, Map.of(), false, "none", null, null, List.of(), List.of(), false, List.of(problem));
    }
}
