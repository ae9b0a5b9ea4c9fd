package coop.switchboard.metering.integration.greenbutton;

import coop.switchboard.metering.integration.greenbutton.GreenButtonReader.Reading;

import java.io.OutputStream;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Iterator;
import java.util.Objects;

/**
 * Writes a Green Button "Download My Data" feed (Atom, ESPI resources in each entry's content) for one usage point:
 * UsagePoint (electricity), LocalTimeParameters, MeterReading, ReadingType and one IntervalBlock per local day of
 * {@code zone}. Values are written in mWh (uom 72, powerOfTenMultiplier -3, said so in the ReadingType) so that
 * fractional Wh survive; costs in ESPI's 1/100,000 of the currency, USD (840). Streams: memory does not depend on the
 * number of readings.
 */
public final class GreenButtonWriter {

    /**
     * One usage point's readings to export. {@code readings} must be in ascending order of start, on whole seconds,
     * with Wh to at most 3 decimals and costs to at most 5; each reading's own {@code usagePoint} is ignored (the feed
     * has one UsagePoint, titled {@code usagePointTitle}; null writes an empty title). {@code meterNumber} may be null.
     */
    public record Export(String feedId, Instant updated, String usagePointTitle, String meterNumber, ZoneId zone,
                         int intervalSeconds, Iterator<Reading> readings) {
        public Export {
            Objects.requireNonNull(feedId, "feedId");
            Objects.requireNonNull(updated, "updated");
            Objects.requireNonNull(zone, "zone");
            Objects.requireNonNull(readings, "readings");
            if (intervalSeconds <= 0) {
                throw new IllegalArgumentException("intervalSeconds must be positive: " + intervalSeconds);
            }
        }
    }

    static final int POWER_OF_TEN = -3;
    private static final long INT48_MAX = 140_737_488_355_328L; // ESPI's Int48 bounds for value and cost
    private static final String RESOURCE = "/espi/1_1/resource";
    private static final String SUBSCRIPTION = RESOURCE + "/Subscription/1";
    private static final String USAGE_POINT = SUBSCRIPTION + "/UsagePoint/1";
    private static final String METER_READING = USAGE_POINT + "/MeterReading/1";
    private static final String INTERVAL_BLOCKS = METER_READING + "/IntervalBlock";
    private static final String LOCAL_TIME = RESOURCE + "/LocalTimeParameters/1";
    private static final String READING_TYPE = RESOURCE + "/ReadingType/1";

    private GreenButtonWriter() {
    }

    /**
     * Writes {@code export} to {@code out} as UTF-8 and flushes; does not close {@code out}. Throws
     * {@link IllegalArgumentException} for a reading that cannot be written exactly or out of order (the output is
     * then incomplete), {@link java.io.UncheckedIOException} when {@code out} fails.
     */
    public static void write(OutputStream out, Export export) {
        Objects.requireNonNull(out, "out");
        Objects.requireNonNull(export, "export");
        AtomFeedOutput feed = new AtomFeedOutput(out, export.feedId(), export.updated());
        feed.startFeed("Green Button Download My Data", SUBSCRIPTION);
        usagePoint(feed, export);
        localTimeParameters(feed, export);
        meterReading(feed, export);
        readingType(feed, export);
        intervalBlocks(feed, export);
        feed.endFeed();
    }

    private static void usagePoint(AtomFeedOutput feed, Export export) {
        feed.startEntry("UsagePoint", export.usagePointTitle(), USAGE_POINT, SUBSCRIPTION + "/UsagePoint",
                USAGE_POINT + "/MeterReading", LOCAL_TIME);
        feed.startEspi("ServiceCategory");
        feed.espi("kind", 0); // electricity
        feed.endEspi();
        feed.endEntry();
    }

    private static void localTimeParameters(AtomFeedOutput feed, Export export) {
        EspiDstRule rule = EspiDstRule.of(export.zone(), export.updated());
        feed.startEntry("LocalTimeParameters", export.zone().getId(), LOCAL_TIME, RESOURCE + "/LocalTimeParameters");
        feed.espi("dstEndRule", rule.dstEndRule());
        feed.espi("dstOffset", rule.dstOffsetSeconds());
        feed.espi("dstStartRule", rule.dstStartRule());
        feed.espi("tzOffset", rule.tzOffsetSeconds());
        feed.endEntry();
    }

    private static void meterReading(AtomFeedOutput feed, Export export) {
        String title = export.meterNumber() == null ? "Energy delivered" : "Meter " + export.meterNumber();
        feed.startEntry("MeterReading", title, METER_READING, USAGE_POINT + "/MeterReading", INTERVAL_BLOCKS, READING_TYPE);
        feed.endEntry();
    }

    private static void readingType(AtomFeedOutput feed, Export export) {
        feed.startEntry("ReadingType", "Energy delivered, Wh x 10^" + POWER_OF_TEN + " (mWh), every "
                + export.intervalSeconds() + " s", READING_TYPE, RESOURCE + "/ReadingType");
        // element order is the schema's sequence
        feed.espi("accumulationBehaviour", 4); // deltaData: energy in each interval
        feed.espi("commodity", 1); // electricity, secondary metered
        feed.espi("currency", 840); // USD, the unit of cost / 100,000
        feed.espi("dataQualifier", 12); // normal
        feed.espi("flowDirection", 1); // forward: delivered to the member
        feed.espi("intervalLength", export.intervalSeconds());
        feed.espi("kind", 12); // energy
        feed.espi("powerOfTenMultiplier", POWER_OF_TEN);
        feed.espi("timeAttribute", 0);
        feed.espi("uom", EspiReadingType.WATT_HOURS);
        feed.endEntry();
    }

    private static void intervalBlocks(AtomFeedOutput feed, Export export) {
        ZoneId zone = export.zone();
        Instant dayEnd = null;
        Instant previous = null;
        int block = 0;
        Iterator<Reading> readings = export.readings();
        while (readings.hasNext()) {
            Reading reading = Objects.requireNonNull(readings.next(), "reading");
            Instant start = reading.start();
            if (start.getNano() != 0) {
                throw new IllegalArgumentException("reading start " + start + " is not on a whole second");
            }
            if (previous != null && !start.isAfter(previous)) {
                throw new IllegalArgumentException("readings must be in ascending order of start: " + start
                        + " comes after " + previous);
            }
            if (reading.seconds() <= 0) {
                throw new IllegalArgumentException("reading at " + start + " has a duration of " + reading.seconds() + " s");
            }
            previous = start;
            if (dayEnd == null || !start.isBefore(dayEnd)) {
                if (dayEnd != null) {
                    feed.endEntry();
                }
                LocalDate day = LocalDate.ofInstant(start, zone);
                Instant dayStart = day.atStartOfDay(zone).toInstant();
                dayEnd = day.plusDays(1).atStartOfDay(zone).toInstant();
                block++;
                feed.startEntry("IntervalBlock", day.toString(), INTERVAL_BLOCKS + "/" + block, INTERVAL_BLOCKS);
                feed.startEspi("interval");
                feed.espi("duration", Duration.between(dayStart, dayEnd).toSeconds()); // 23 or 25 h on DST days
                feed.espi("start", dayStart.getEpochSecond());
                feed.endEspi();
            }
            intervalReading(feed, reading);
        }
        if (dayEnd != null) {
            feed.endEntry();
        }
    }

    private static void intervalReading(AtomFeedOutput feed, Reading reading) {
        feed.startEspi("IntervalReading");
        if (reading.cost() != null) {
            feed.espi("cost", exact(reading.cost(), 5, "cost", reading));
        }
        feed.startEspi("timePeriod");
        feed.espi("duration", reading.seconds());
        feed.espi("start", reading.start().getEpochSecond());
        feed.endEspi();
        feed.espi("value", exact(reading.wattHours(), -POWER_OF_TEN, "wattHours", reading));
        feed.endEspi();
    }

    /** {@code amount} x 10^places as a whole number in ESPI's Int48 range, or an exception naming the reading. */
    private static long exact(BigDecimal amount, int places, String what, Reading reading) {
        BigDecimal scaled = amount.movePointRight(places);
        try {
            long whole = scaled.setScale(0, RoundingMode.UNNECESSARY).longValueExact();
            if (Math.abs(whole) <= INT48_MAX) {
                return whole;
            }
        } catch (ArithmeticException e) {
            if (scaled.abs().compareTo(BigDecimal.valueOf(INT48_MAX)) <= 0) {
                throw new IllegalArgumentException("reading at " + reading.start() + ": " + what + " " + amount
                        + " has more than " + places + " decimals");
            }
        }
        throw new IllegalArgumentException("reading at " + reading.start() + ": " + what + " " + amount + " is too large");
    }
}
