package coop.switchboard.demo;

import coop.switchboard.demo.Occupancy.Tenure;
import coop.switchboard.demo.ServiceLocations.Place;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Puts each meter the generator sets on its cycle and route (by the premise's town), gives demand meters their kW
 * rating and a few homes' meters net metering, and makes the demo's one recent meter exchange: a residential meter
 * swapped for a new AMI meter a week or two ago. Keeps the meters of the premise being built for
 * {@link MeterReadings}. Each service point draws from a generator of its own, so the rest of the cooperative
 * is drawn exactly as before.
 */
final class DemoMeters {
    static final long EXCHANGE_NUMBER = 39_000_001L;
    private static final int EXCHANGE_AFTER = 40;

    /** One meter's time on a service point, with what reading it needs. */
    record Span(long meterId, String number, String service, int multiplier, int dials, boolean ami, long pointId,
                LocalDate installed, LocalDate removed, DemoCycles.Stop stop, double ratingKw, boolean netMetered,
                String exchangeReason) {
        long range() {
            return (long) StrictMath.pow(10, dials);
        }
    }

    private final long seed;
    private final Tables tables;
    private final DemoCycles cycles;
    private final LocalDate today;
    private final LocalDate historyStart;
    private final List<Span> spans = new ArrayList<>();
    private final List<Long> loadPoints = new ArrayList<>();
    private final List<PremiseLoad> loads = new ArrayList<>();
    private Place place;
    private Coverage coverage;
    private DemoCycles.Stop pointStop;
    private int residential;
    private LocalDate exchangedOn;

    DemoMeters(long seed, Tables tables, DemoCycles cycles, LocalDate today) {
        this.seed = seed;
        this.tables = tables;
        this.cycles = cycles;
        this.today = today;
        this.historyStart = cycles.firstReadDate();
    }

    /** Starts a premise: its meters are about to be set, its occupants are known. */
    void begin(Place place, List<Tenure> oldestFirst) {
        this.place = place;
        this.coverage = Coverage.of(oldestFirst);
        spans.clear();
        loadPoints.clear();
        loads.clear();
        pointStop = null;
    }

    Place place() {
        return place;
    }

    Coverage coverage() {
        return coverage;
    }

    List<Span> spans() {
        return spans;
    }

    /** The explicit exchange's date once made, else null. */
    LocalDate exchangedOn() {
        return exchangedOn;
    }

    /** The use of a service point of the current premise (drawn once per point). */
    PremiseLoad load(long pointId, String service) {
        int i = loadPoints.indexOf(pointId);
        if (i >= 0) {
            return loads.get(i);
        }
        PremiseLoad load = PremiseLoad.of(place.type(), service, random(seed, pointId, 1));
        loadPoints.add(pointId);
        loads.add(load);
        return load;
    }

    /** Writes a meter and its installation, as {@link Tables#installation} hands them over. */
    void install(Tables.NewMeter m, long pointId, LocalDate installed, LocalDate removed) {
        if (place == null) {
            tables.meterRow(m, null, 0, false);
            tables.installationRow(m.id(), pointId, installed, removed);
            return;
        }
        boolean electric = "ELECTRIC".equals(m.serviceType());
        PremiseLoad load = load(pointId, m.serviceType());
        m = sized(m, load);
        if (removed != null) {
            spans.add(new Span(m.id(), m.number(), m.serviceType(), m.multiplier(), m.dials(), m.ami(), pointId, installed,
                    removed, null, 0, false, null));
            tables.meterRow(m, null, 0, false);
            tables.installationRow(m.id(), pointId, installed, removed);
            return;
        }
        pointStop = cycles.stop(tables, place.site().town(), place.site().rural());
        double rating = electric && load.hasDemand() ? load.ratingKw() : 0;
        SplittableRandom rng = random(seed, pointId, 2);
        boolean established = installed.isBefore(historyStart.minusDays(30));
        boolean net = electric && m.ami() && "RESIDENTIAL".equals(place.type()) && established && rng.nextDouble() < 0.02;
        if (electric && exchangedOn == null && "RESIDENTIAL".equals(place.type()) && established && !net
                && ++residential > EXCHANGE_AFTER && coverage.coversAll(today.minusDays(70), today)) {
            exchange(m, pointId, installed);
            return;
        }
        spans.add(new Span(m.id(), m.number(), m.serviceType(), m.multiplier(), m.dials(), m.ami(), pointId, installed,
                null, pointStop, rating, net, null));
        tables.meterRow(m, pointStop, rating, net);
        tables.installationRow(m.id(), pointId, installed, null);
    }

    /**
     * A register must not pass half its range in one period, or a period's use could not be told from a read that
     * went backwards: a meter too small for its load gets more dials.
     */
    private static Tables.NewMeter sized(Tables.NewMeter m, PremiseLoad load) {
        double month = load.highestDay() * 40 / m.multiplier();
        int dials = m.dials();
        while (dials < 9 && StrictMath.pow(10, dials) * 0.4 < month) {
            dials++;
        }
        return dials == m.dials() ? m : new Tables.NewMeter(m.id(), m.number(), m.serviceType(), m.kind(), m.multiplier(),
                dials, m.ami());
    }

    /** The old meter comes out and a new AMI meter goes in the same day, the most recent business day 9 days back. */
    private void exchange(Tables.NewMeter old, long pointId, LocalDate installed) {
        LocalDate swap = today.minusDays(9);
        while (!DemoCycles.isBusinessDay(swap)) {
            swap = swap.minusDays(1);
        }
        exchangedOn = swap;
        String reason = old.ami() ? "meter exchange: display failed" : "meter exchange: AMI upgrade";
        spans.add(new Span(old.id(), old.number(), old.serviceType(), old.multiplier(), old.dials(), old.ami(), pointId,
                installed, swap, null, 0, false, reason));
        tables.meterRow(old, null, 0, false);
        tables.installationRow(old.id(), pointId, installed, swap);
        Tables.NewMeter fresh = new Tables.NewMeter(tables.nextMeterId(), Long.toString(EXCHANGE_NUMBER), "ELECTRIC",
                "Itron Centron CP2SO", 1, 5, true);
        spans.add(new Span(fresh.id(), fresh.number(), "ELECTRIC", 1, 5, true, pointId, swap, null, pointStop, 0, false, reason));
        tables.meterRow(fresh, pointStop, 0, false);
        tables.installationRow(fresh.id(), pointId, swap, null);
    }

    /** A generator of its own for each service point and purpose, from the demo's seed. */
    static SplittableRandom random(long seed, long pointId, int purpose) {
        long x = seed * 0x9E3779B97F4A7C15L + pointId * 0xC2B2AE3D27D4EB4FL + purpose * 0x165667B19E3779F9L;
        return new SplittableRandom(x);
    }

    /** The days someone was served at a premise (agreements run from opening to closing, both days included). */
    static final class Coverage {
        private final long[] from;
        private final long[] to; // inclusive; Long.MAX_VALUE while open

        private Coverage(long[] from, long[] to) {
            this.from = from;
            this.to = to;
        }

        static Coverage of(List<Tenure> oldestFirst) {
            List<long[]> spans = new ArrayList<>();
            for (Tenure t : oldestFirst) {
                if ("PENDING".equals(t.status())) {
                    continue;
                }
                spans.add(new long[]{t.opened().toEpochDay(), t.closed() == null ? Long.MAX_VALUE : t.closed().toEpochDay()});
            }
            spans.sort((a, b) -> Long.compare(a[0], b[0]));
            List<long[]> merged = new ArrayList<>();
            for (long[] s : spans) {
                if (!merged.isEmpty() && s[0] <= merged.getLast()[1] + 1) {
                    merged.getLast()[1] = Math.max(merged.getLast()[1], s[1]);
                } else {
                    merged.add(s);
                }
            }
            long[] f = new long[merged.size()];
            long[] t = new long[merged.size()];
            for (int i = 0; i < f.length; i++) {
                f[i] = merged.get(i)[0];
                t[i] = merged.get(i)[1];
            }
            return new Coverage(f, t);
        }

        int intervals() {
            return from.length;
        }

        /** Start (epoch day) of the i-th served stretch. */
        long from(int i) {
            return from[i];
        }

        /** Last day (epoch day, inclusive) of the i-th served stretch; Long.MAX_VALUE while it lasts. */
        long to(int i) {
            return to[i];
        }

        boolean covers(LocalDate day) {
            long d = day.toEpochDay();
            for (int i = 0; i < from.length; i++) {
                if (from[i] <= d && d <= to[i]) {
                    return true;
                }
            }
            return false;
        }

        boolean coversAll(LocalDate first, LocalDate last) {
            for (int i = 0; i < from.length; i++) {
                if (from[i] <= first.toEpochDay() && last.toEpochDay() <= to[i]) {
                    return true;
                }
            }
            return false;
        }

        boolean coversNone(LocalDate first, LocalDate last) {
            for (int i = 0; i < from.length; i++) {
                if (from[i] <= last.toEpochDay() && first.toEpochDay() <= to[i]) {
                    return false;
                }
            }
            return true;
        }
    }
}
