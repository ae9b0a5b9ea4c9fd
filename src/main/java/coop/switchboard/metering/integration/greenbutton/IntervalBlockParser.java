package coop.switchboard.metering.integration.greenbutton;

import javax.xml.stream.XMLStreamConstants;
import java.util.function.Consumer;

/** Reads one ESPI IntervalBlock's IntervalReadings as raw numbers; the ReadingType gives them units elsewhere. */
final class IntervalBlockParser {

    /** One IntervalReading as written: start in epoch seconds, duration, value and cost (null when absent). */
    record RawReading(long start, int seconds, long value, Long cost) {
    }

    private IntervalBlockParser() {
    }

    /** Reads the IntervalBlock the cursor is on, through its end tag, and returns how many readings it held. */
    static long parse(StaxInput in, Consumer<RawReading> sink) {
        long count = 0;
        while (true) {
            int event = in.next();
            if (event == XMLStreamConstants.END_ELEMENT) {
                return count;
            }
            if (event == XMLStreamConstants.START_ELEMENT) {
                if (in.isEspi("IntervalReading")) {
                    sink.accept(reading(in));
                    count++;
                } else {
                    in.skipElement(); // interval, batchItemInfo, extensions: the readings carry their own periods
                }
            }
        }
    }

    private static RawReading reading(StaxInput in) {
        int line = in.line();
        Long start = null;
        Long seconds = null;
        Long value = null;
        Long cost = null;
        while (true) {
            int event = in.next();
            if (event == XMLStreamConstants.END_ELEMENT) {
                break;
            }
            if (event != XMLStreamConstants.START_ELEMENT) {
                continue;
            }
            if (in.isEspi("value")) {
                value = in.longText("IntervalReading value");
            } else if (in.isEspi("cost")) {
                cost = in.longText("IntervalReading cost");
            } else if (in.isEspi("timePeriod")) {
                // children are read through their end tags, so the next end tag is timePeriod's own
                while (in.next() != XMLStreamConstants.END_ELEMENT) {
                    if (!in.isStartElement()) {
                        continue;
                    }
                    if (in.isEspi("start")) {
                        start = in.longText("timePeriod start");
                    } else if (in.isEspi("duration")) {
                        seconds = in.longText("timePeriod duration");
                    } else {
                        in.skipElement();
                    }
                }
            } else {
                in.skipElement(); // ReadingQuality, consumptionTier, tou, cpp
            }
        }
        if (start == null || seconds == null) {
            throw new GreenButtonException(line, "IntervalReading has no timePeriod with start and duration");
        }
        if (value == null) {
            throw new GreenButtonException(line, "IntervalReading has no value");
        }
        if (seconds <= 0 || seconds > Integer.MAX_VALUE) {
            throw new GreenButtonException(line, "IntervalReading timePeriod duration out of range: " + seconds);
        }
        return new RawReading(start, seconds.intValue(), value, cost);
    }
}
