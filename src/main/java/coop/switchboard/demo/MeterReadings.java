package coop.switchboard.demo;

import coop.switchboard.demo.DemoMeters.Coverage;
import coop.switchboard.demo.DemoMeters.Span;
import coop.switchboard.demo.ReadCases.Case;
import coop.switchboard.metering.Register;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The register reads of the premise just built, for the last 24 months up to today: a read on every cycle read
 * date (AMI meters at midnight, the others by the route's reader during the day, now and then a day late or
 * estimated), an install read for a meter set within that time and a removal read for one taken out, so reads run
 * on across an exchange. Use follows the premise's {@link PremiseLoad} while someone is served there and stops while
 * it stands empty; registers count whole units past their dials' top and start again at zero, and a CT meter's
 * register moves by use ÷ multiplier. Shops, mills and pumps also get a kW demand read. A few percent of AMI
 * electric meters also get 15-minute interval data for the last 90 days up to yesterday, and their register reads
 * over those days are the sums of their intervals.
 */
final class MeterReadings {
    static final int INTERVAL_DAYS = 90;
    static final int MIN_INTERVAL_METERS = 20;
    static final int MAX_INTERVAL_METERS = 30_000;
    private static final double INTERVAL_SHARE = 0.03;
    private static final String[] ESTIMATE_REASONS = {"Estimated: no access to the meter (locked gate)",
            "Estimated: dog in the yard", "Estimated: snow over the meter", "Estimated: reader could not reach the route"};

    private final long seed;
    private final Tables tables;
    private final DemoCycles cycles;
    private final DemoMeters meters;
    private final ReadCases cases;
    private final LoadShapes shapes;
    private final ReadStamps stamps;
    private final LocalDate today;
    private final LocalDate intervalsFrom;
    private final int[] slots = new int[96];
    private final double[] hours = new double[24];
    private final double[] extra = new double[24];
    private long intervalMeters;

    MeterReadings(long seed, Tables tables, DemoCycles cycles, DemoMeters meters, ReadCases cases, LocalDate today,
                  ZoneId zone, java.time.Instant now) {
        this.seed = seed;
        this.tables = tables;
        this.cycles = cycles;
        this.meters = meters;
        this.cases = cases;
        this.today = today;
        this.intervalsFrom = intervalsFrom(today);
        this.shapes = new LoadShapes(cycles.firstReadDate().minusDays(1), today.plusDays(1));
        this.stamps = new ReadStamps(shapes.first(), shapes.days(), zone, now);
    }

    /** The first day of interval data. */
    static LocalDate intervalsFrom(LocalDate today) {
        return today.minusDays(INTERVAL_DAYS);
    }

    long intervalMeters() {
        return intervalMeters;
    }

    /** Writes the reads (and intervals) of every metered point of the premise {@link DemoMeters} holds. */
    void finish() {
        List<Span> all = meters.spans();
        List<Span> point = new ArrayList<>(2);
        for (int i = 0; i < all.size(); i++) {
            point.add(all.get(i));
            if (i + 1 == all.size() || all.get(i + 1).pointId() != all.get(i).pointId()) {
                point(point);
                point.clear();
            }
        }
    }

    /** A service point's meters, oldest first; the last one is the current meter. */
    private void point(List<Span> spans) {
        Span current = spans.getLast();
        if (current.removed() != null || current.stop() == null) {
            return;
        }
        long pointId = current.pointId();
        Coverage served = meters.coverage();
        PremiseLoad load = meters.load(pointId, current.service());
        SplittableRandom rng = DemoMeters.random(seed, pointId, 3);
        LocalDate[] dates = cycles.readDates(current.stop().cycle());
        int lastScheduled = -1;
        for (int i = 0; i < dates.length && dates[i].isBefore(today); i++) {
            lastScheduled = i;
        }
        boolean exchanged = spans.size() > 1 && spans.getFirst().exchangeReason() != null;
        Case special = exchanged || lastScheduled < 1 ? null
                : cases.choose(meters.place().type(), current, served, dates[lastScheduled], dates[lastScheduled - 1], rng);
        Use use = new Use(load, served, rng, current.netMetered() ? 4 + 5 * rng.nextDouble() : 0);
        boolean intervals = special == null && !exchanged && !current.netMetered() && current.ami()
                && "ELECTRIC".equals(current.service()) && current.installed().isBefore(intervalsFrom)
                && served.coversAll(intervalsFrom, today) && wantsIntervals(rng);
        if (intervals) {
            intervals(current, load, use, rng);
        }
        for (Span span : spans) {
            meter(span, dates, lastScheduled, span == current ? special : null, load, use, rng, current.stop().reader());
        }
    }

    private boolean wantsIntervals(SplittableRandom rng) {
        boolean pick = rng.nextDouble() < INTERVAL_SHARE;
        if (intervalMeters >= MAX_INTERVAL_METERS || !(pick || intervalMeters < MIN_INTERVAL_METERS)) {
            return false;
        }
        intervalMeters++;
        return true;
    }

    /** One meter's reads over its time on the point within the history. */
    private void meter(Span span, LocalDate[] dates, int lastScheduled, Case special, PremiseLoad load, Use use,
                       SplittableRandom rng, String reader) {
        LocalDate historyStart = dates[0];
        if ((span.removed() != null && !span.removed().isAfter(historyStart)) || span.installed().isAfter(today)) {
            return;
        }
        boolean fresh = !span.installed().isBefore(historyStart);
        LocalDate start = fresh ? span.installed() : historyStart;
        String unit = "WATER".equals(span.service()) ? "GALLONS" : "KWH";
        Register register = Register.valueOf(unit);
        boolean demand = span.ratingKw() > 0;
        long range = span.range();
        use.moveTo(shapes.index(start));
        double e0 = use.energy;
        double r0 = use.received;
        long startReading = fresh ? rng.nextInt(span.exchangeReason() != null ? 1 : 40) : rng.nextLong(range);
        long startReceived = rng.nextLong(range);
        String reason = span.exchangeReason() != null ? span.exchangeReason() : fresh ? "new service" : null;
        if (fresh) {
            write(span, unit, start, stamps.manual(start), Math.floorMod(startReading, range), "INITIAL", "MANUAL", reader, reason);
        } else {
            write(span, unit, start, readAt(span, start, rng), startReading, "ACTUAL", source(span), reader(span, reader), null);
            if (span.netMetered()) {
                write(span, "KWH_RECEIVED", start, stamps.midnight(start), startReceived, "ACTUAL", "AMI", null, null);
            }
        }
        long units = 0;
        LocalDate previous = start;
        for (int i = 0; i < dates.length && i <= lastScheduled; i++) {
            LocalDate d = dates[i];
            if (!d.isAfter(start) || (span.removed() != null && !d.isBefore(span.removed()))) {
                continue;
            }
            boolean last = i == lastScheduled && span.removed() == null;
            if (last && special == Case.MISSING_READ) {
                cases.missing(span.meterId(), d);
                break;
            }
            if (last && special == Case.OUT_OF_WINDOW) {
                d = d.plusDays(ReadCases.LATE_DAYS);
            } else if (!span.ami() && !last && rng.nextDouble() < 0.08 && d.plusDays(1).isBefore(today)) {
                d = d.plusDays(1); // read the day after, still inside the window
            }
            double used = use.moveTo(shapes.index(d));
            long now = (long) StrictMath.floor((use.energy - e0) / span.multiplier());
            if (last && special != null && special != Case.DEMAND_OVER_RATING) {
                long held = switch (special) {
                    case HIGH_VS_LAST_YEAR -> units + Math.max(150, (now - units) * 7 / 2);
                    case LOW_VS_LAST_YEAR -> units + (now - units) / 6;
                    case ZERO_USAGE_ACTIVE -> units;
                    case NEGATIVE_USAGE -> units - 8 - rng.nextInt(40);
                    case USAGE_WHILE_INACTIVE -> units + 150 + rng.nextInt(250);
                    default -> now;
                };
                cases.post(special, span, register, d, BigDecimal.valueOf(Math.floorMod(startReading + held, range)));
                break;
            }
            boolean estimate = special == null && !last && use.measured == null && rng.nextDouble() < (span.ami() ? 0.003 : 0.02);
            if (estimate) {
                long guess = units + (long) ((now - units) * (0.8 + 0.17 * rng.nextDouble()));
                write(span, unit, d, stamps.estimated(d), Math.floorMod(startReading + guess, range), "ESTIMATED", "ESTIMATE",
                        null, ESTIMATE_REASONS[rng.nextInt(ESTIMATE_REASONS.length)]);
                units = guess;
            } else {
                write(span, unit, d, readAt(span, d, rng), Math.floorMod(startReading + now, range), "ACTUAL", source(span),
                        reader(span, reader), null);
                units = now;
                if (span.netMetered()) {
                    long received = (long) StrictMath.floor(use.received - r0);
                    write(span, "KWH_RECEIVED", d, stamps.midnight(d), Math.floorMod(startReceived + received, range), "ACTUAL",
                            "AMI", null, null);
                }
                if (demand) {
                    double kw = load.demandKw(used, use.servedDays(shapes.index(previous), shapes.index(d)), rng);
                    if (last && special == Case.DEMAND_OVER_RATING) {
                        double over = span.ratingKw() * (1.15 + 0.25 * rng.nextDouble());
                        cases.post(special, span, Register.KW, d, BigDecimal.valueOf(Math.round(over * 100), 2));
                    } else {
                        writeKw(span, d, readAt(span, d, rng), kw, reader(span, reader));
                    }
                }
            }
            previous = d;
        }
        if (span.removed() != null && !span.removed().isAfter(today)) {
            LocalDate out = span.removed();
            use.moveTo(shapes.index(out));
            long now = (long) StrictMath.floor((use.energy - e0) / span.multiplier());
            write(span, unit, out, stamps.manual(out), Math.floorMod(startReading + now, range), "REMOVAL", "MANUAL", reader,
                    span.exchangeReason() != null ? span.exchangeReason() : "meter exchange");
        }
    }

    private String source(Span span) {
        return span.ami() ? "AMI" : "HANDHELD";
    }

    private static String reader(Span span, String reader) {
        return span.ami() ? null : reader;
    }

    private long readAt(Span span, LocalDate d, SplittableRandom rng) {
        return span.ami() ? stamps.midnight(d) : stamps.handheld(d, 8 * 60 + rng.nextInt(8 * 60));
    }

    private void write(Span span, String register, LocalDate day, long readAt, long reading, String type, String source,
                       String reader, String reason) {
        tables.read(span.meterId(), register, day.toEpochDay(), readAt, reading, 0, type, source, reader, reason,
                stamps.createdAt(day, source));
    }

    private void writeKw(Span span, LocalDate day, long readAt, double kw, String reader) {
        tables.read(span.meterId(), "KW", day.toEpochDay(), readAt, Math.round(kw * 100), 2, "ACTUAL", source(span), reader,
                null, stamps.createdAt(day, source(span)));
    }

    /** 15-minute data for the last 90 days up to yesterday, shaped from the hourly loads, with some noise. */
    private void intervals(Span meter, PremiseLoad load, Use use, SplittableRandom rng) {
        int from = shapes.index(intervalsFrom);
        int to = shapes.index(today);
        double[] daily = new double[to - from];
        double noise = switch (load.component()) {
            case LoadShapes.RESIDENTIAL -> 0.3;
            case LoadShapes.COMMERCIAL -> 0.1;
            case LoadShapes.LIGHTING -> 0.02;
            default -> 0.06;
        };
        for (int day = from; day < to; day++) {
            double kwh = load.use(shapes, day) * PremiseLoad.lognormal(rng, 0.12);
            shapes.hourly(load.component(), day, hours);
            scaleTo(hours, load.perDay() * shapes.daily(load.component(), day) + load.base());
            if (load.heat() > 0) {
                shapes.hourly(LoadShapes.HEAT, day, extra);
                scaleTo(extra, load.heat() * shapes.daily(LoadShapes.HEAT, day));
                for (int h = 0; h < 24; h++) {
                    hours[h] += extra[h];
                }
            }
            LoadShapes.quarterHours(hours, kwh, noise, rng, slots);
            daily[day - from] = tables.intervalDay(meter.meterId(), stamps.date(day), slots) / 10_000.0;
        }
        use.intervals(from, daily);
    }

    private static void scaleTo(double[] weights, double total) {
        double sum = 0;
        for (double w : weights) {
            sum += w;
        }
        for (int h = 0; h < 24; h++) {
            weights[h] = sum <= 0 ? total / 24 : weights[h] * total / sum;
        }
    }

    /** A point's use so far: energy (kWh or gallons) and solar sent back, up to the start of day {@link #at}. */
    private final class Use {
        final PremiseLoad load;
        final Coverage served;
        final SplittableRandom rng;
        final double solarKw;
        double energy;
        double received;
        int at = Integer.MIN_VALUE;
        int measuredFrom = Integer.MAX_VALUE;
        double[] measured;

        Use(PremiseLoad load, Coverage served, SplittableRandom rng, double solarKw) {
            this.load = load;
            this.served = served;
            this.rng = rng;
            this.solarKw = solarKw;
        }

        void intervals(int from, double[] daily) {
            measuredFrom = from;
            measured = daily;
        }

        /** Moves on to the start of day {@code to}; returns the use since the last move (with a period's noise). */
        double moveTo(int to) {
            if (at == Integer.MIN_VALUE || to <= at) {
                at = Math.max(at, to);
                return 0;
            }
            double modelled = served(at, Math.min(to, measuredFrom)) * PremiseLoad.lognormal(rng, 0.07);
            double used = modelled;
            for (int d = Math.max(at, measuredFrom); d < to; d++) {
                used += measured[d - measuredFrom];
            }
            if (solarKw > 0) {
                double solar = solarKw * 4.0 * shapes.sum(LoadShapes.SOLAR, at, to);
                used = Math.max(0, used - 0.4 * solar);
                received += 0.6 * solar;
            }
            energy += used;
            at = to;
            return used;
        }

        /** The modelled use over {@code [from, to)} on the days someone was served. */
        private double served(int from, int to) {
            double sum = 0;
            long base = shapes.first().toEpochDay();
            for (int i = 0; i < served.intervals(); i++) {
                long a = Math.max(from, served.from(i) - base);
                long b = Math.min(to, served.to(i) == Long.MAX_VALUE ? Long.MAX_VALUE : served.to(i) - base + 1);
                if (a < b) {
                    sum += load.use(shapes, (int) a, (int) b);
                }
            }
            return sum;
        }

        int servedDays(int from, int to) {
            int days = 0;
            long base = shapes.first().toEpochDay();
            for (int i = 0; i < served.intervals(); i++) {
                long a = Math.max(from, served.from(i) - base);
                long b = Math.min(to, served.to(i) == Long.MAX_VALUE ? Long.MAX_VALUE : served.to(i) - base + 1);
                days += (int) Math.max(0, b - a);
            }
            return days;
        }
    }
}
