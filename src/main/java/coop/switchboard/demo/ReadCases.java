package coop.switchboard.demo;

import coop.switchboard.demo.DemoMeters.Coverage;
import coop.switchboard.demo.DemoMeters.Span;
import coop.switchboard.metering.NewRead;
import coop.switchboard.metering.ReadSource;
import coop.switchboard.metering.ReadType;
import coop.switchboard.metering.Register;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The reads waiting in the exceptions queue: a handful for each validation rule, each on a read that really shows
 * it (a latest read three times last year's, a fifth of it, the same as the one before, lower than the one before,
 * use on a vacant premise, demand over the meter's rating, a read a week after the window) and meters whose latest
 * read never came. The generator holds those latest reads back; {@link DemoUtility} records them through the
 * metering module once the demo is loaded, so they are validated, and queued, exactly as any read would be. A
 * missing read has no read to validate: its queue entry is written here, worded as the validator words it.
 */
final class ReadCases {
    static final int PER_RULE = 5;
    /** Days after a read date before a read that has not come counts as missing. */
    static final int GRACE_DAYS = 5;
    static final int LATE_DAYS = 6;

    enum Case {
        HIGH_VS_LAST_YEAR, LOW_VS_LAST_YEAR, ZERO_USAGE_ACTIVE, USAGE_WHILE_INACTIVE, NEGATIVE_USAGE, DEMAND_OVER_RATING,
        OUT_OF_WINDOW, MISSING_READ
    }

    /** A read to record after the load, and the rule it is meant to trip. */
    record Post(Case expected, NewRead read) {
    }

    private final Tables tables;
    private final LocalDate today;
    private final ZoneId zone;
    private final Map<Case, Integer> counts = new EnumMap<>(Case.class);
    private final List<Post> posts = new ArrayList<>();
    private int turn;

    ReadCases(Tables tables, LocalDate today, ZoneId zone) {
        this.tables = tables;
        this.today = today;
        this.zone = zone;
    }

    /** The reads to record once the demo is in the database, in the order they were chosen. */
    List<Post> posts() {
        return List.copyOf(posts);
    }

    /**
     * Which case, if any, a point's current meter becomes: its latest scheduled read {@code last} (before today) and
     * the one before it decide what it can show. Cases are handed out in turn so each rule gets its handful early.
     */
    Case choose(String premiseType, Span current, Coverage served, LocalDate last, LocalDate previous, SplittableRandom rng) {
        double u = rng.nextDouble();
        if (last == null || previous == null || !"ELECTRIC".equals(current.service()) || current.stop() == null
                || current.netMetered() || current.installed().isAfter(last.minusMonths(15))) {
            return null;
        }
        boolean home = "RESIDENTIAL".equals(premiseType) && current.dials() >= 5;
        boolean steady = served.coversAll(last.minusDays(430), today);
        boolean vacant = served.coversNone(previous, last);
        Case[] all = Case.values();
        for (int k = 0; k < all.length; k++) {
            Case c = all[(turn + k) % all.length];
            if (counts.getOrDefault(c, 0) >= PER_RULE) {
                continue;
            }
            boolean fits = switch (c) {
                case HIGH_VS_LAST_YEAR, LOW_VS_LAST_YEAR, ZERO_USAGE_ACTIVE, NEGATIVE_USAGE -> home && steady && u < 0.03;
                case OUT_OF_WINDOW -> home && steady && u < 0.03 && last.plusDays(LATE_DAYS).isBefore(today);
                case USAGE_WHILE_INACTIVE -> home && vacant && u < 0.3;
                case DEMAND_OVER_RATING -> current.ratingKw() > 0 && steady && u < 0.3;
                case MISSING_READ -> steady && u < 0.03 && ChronoUnit.DAYS.between(last, today) > GRACE_DAYS;
            };
            if (fits) {
                counts.merge(c, 1, Integer::sum);
                turn = (c.ordinal() + 1) % all.length;
                return c;
            }
        }
        return null;
    }

    /** The latest read held back and to be recorded after the load. */
    void post(Case c, Span meter, Register register, LocalDate date, BigDecimal reading) {
        ReadSource source = meter.ami() && c != Case.OUT_OF_WINDOW ? ReadSource.AMI : ReadSource.HANDHELD;
        String reader = source == ReadSource.HANDHELD ? meter.stop().reader() : null;
        posts.add(new Post(c, new NewRead(meter.number(), register, date, null, reading, ReadType.ACTUAL, source, reader, null)));
    }

    /** A read that never came: the queue entry, created the morning after the grace period ran out. */
    void missing(long meterId, LocalDate expected) {
        long late = ChronoUnit.DAYS.between(expected, today);
        String message = "No read " + days(late) + " after the expected read date " + expected + " (grace " + days(GRACE_DAYS) + ")";
        String createdAt = expected.plusDays(GRACE_DAYS + 1).atTime(6, 0).atZone(zone).toOffsetDateTime().toString();
        tables.readException(meterId, expected, Case.MISSING_READ.name(), message, createdAt);
    }

    private static String days(long days) {
        return days == 1 ? "1 day" : days + " days";
    }
}
