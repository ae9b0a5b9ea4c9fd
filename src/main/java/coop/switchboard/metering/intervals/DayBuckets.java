package coop.switchboard.metering.intervals;

import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Interval values gathered into one array per meter and day (in ten-thousandths of a kWh; {@link #MISSING} where no
 * value came), flushed to the database in order. A file sorted by meter and time holds one day open at a time; an
 * unsorted one is flushed in pieces that the database merges, so memory stays bounded either way.
 */
final class DayBuckets {
    static final int MISSING = Integer.MIN_VALUE;
    private static final int MAX_OPEN = 20_000;

    interface Sink {
        void day(long meterId, LocalDate day, int minutes, int[] slots);
    }

    private record Key(long meterId, long epochDay) {
    }

    private static final class Bucket {
        final int minutes;
        final int[] slots;

        Bucket(int minutes) {
            this.minutes = minutes;
            this.slots = new int[1440 / minutes];
            java.util.Arrays.fill(slots, MISSING);
        }
    }

    private final Map<Key, Bucket> open = new LinkedHashMap<>();
    private final Sink sink;
    private Key last;
    private Bucket lastBucket;

    DayBuckets(Sink sink) {
        this.sink = sink;
    }

    /** Adds one value; returns false when the meter's day already has values of another interval length. */
    boolean add(long meterId, long epochDay, int minuteOfDay, int minutes, int units) {
        Bucket bucket;
        if (last != null && last.meterId() == meterId && last.epochDay() == epochDay) {
            bucket = lastBucket;
        } else {
            Key key = new Key(meterId, epochDay);
            bucket = open.get(key);
            if (bucket == null) {
                if (open.size() >= MAX_OPEN) {
                    flush();
                }
                bucket = new Bucket(minutes);
                open.put(key, bucket);
                // A sorted file moves on from a day for good: send the days before it now.
                if (last != null && open.size() > 64) {
                    flushAllBut(key);
                }
            }
            last = key;
            lastBucket = bucket;
        }
        if (bucket.minutes != minutes) {
            return false;
        }
        bucket.slots[minuteOfDay / minutes] = units;
        return true;
    }

    private void flushAllBut(Key keep) {
        var it = open.entrySet().iterator();
        while (it.hasNext()) {
            var e = it.next();
            if (!e.getKey().equals(keep)) {
                sink.day(e.getKey().meterId(), LocalDate.ofEpochDay(e.getKey().epochDay()), e.getValue().minutes, e.getValue().slots);
                it.remove();
            }
        }
    }

    void flush() {
        for (var e : open.entrySet()) {
            sink.day(e.getKey().meterId(), LocalDate.ofEpochDay(e.getKey().epochDay()), e.getValue().minutes, e.getValue().slots);
        }
        open.clear();
        last = null;
        lastBucket = null;
    }
}
