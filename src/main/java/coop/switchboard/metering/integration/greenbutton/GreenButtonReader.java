package coop.switchboard.metering.integration.greenbutton;

import javax.xml.stream.XMLStreamConstants;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Reads interval energy readings out of a Green Button (NAESB ESPI) file: a "Download My Data" or subscription Atom
 * feed, with the ESPI namespace as default or under any prefix. The file is streamed twice (pass one learns the
 * ReadingTypes and links, pass two streams readings), so memory does not grow with the number of readings.
 *
 * <p>Readings come out in Wh whatever the ReadingType's {@code powerOfTenMultiplier}; only uom 72 (Wh) is imported,
 * other units are skipped with a warning (see {@link EspiReadingType}). A file that cannot be read throws
 * {@link GreenButtonException} (an {@link IllegalArgumentException}) naming the line, always before the sink has
 * received any reading.
 */
public final class GreenButtonReader {

    /**
     * One interval: {@code wattHours} of energy delivered during {@code seconds} from {@code start}; {@code cost} in
     * currency units (null when the file has none); {@code usagePoint} is the UsagePoint's title, else its self href,
     * else null.
     */
    public record Reading(Instant start, int seconds, BigDecimal wattHours, BigDecimal cost, String usagePoint) {
        public Reading {
            Objects.requireNonNull(start, "start");
            Objects.requireNonNull(wattHours, "wattHours");
        }
    }

    /**
     * What a file held: UsagePoints; IntervalBlocks and readings imported; their total; the uom and ISO currency
     * code of the ReadingType used (of the file's first ReadingType when nothing was imported); warnings about what
     * was skipped or guessed.
     */
    public record Summary(int usagePoints, int intervalBlocks, long readings, BigDecimal totalWattHours, Integer uom,
                          String currency, List<String> warnings) {
        public Summary {
            warnings = List.copyOf(warnings);
        }
    }

    private GreenButtonReader() {
    }

    /**
     * Reads {@code file} and hands each imported reading to {@code sink} in file order. Throws
     * {@link GreenButtonException} for malformed XML, a missing or non-numeric required element, or an IntervalBlock
     * whose ReadingType cannot be found; the sink has then received nothing. A file that cannot be opened throws
     * {@link java.io.UncheckedIOException}.
     */
    public static Summary read(Path file, Consumer<Reading> sink) {
        Objects.requireNonNull(sink, "sink");
        FeedIndex index;
        try (StaxInput in = StaxInput.open(file)) {
            index = FeedIndex.scan(in);
        }
        try (StaxInput in = StaxInput.open(file)) {
            return stream(in, index, sink);
        }
    }

    private static Summary stream(StaxInput in, FeedIndex index, Consumer<Reading> sink) {
        int ordinal = -1;
        int entryDepth = -1;
        int depth = 0;
        int blocks = 0;
        long[] readings = {0};
        BigDecimal[] total = {BigDecimal.ZERO};
        EspiReadingType used = null;
        while (in.hasNext()) {
            int event = in.next();
            if (event == XMLStreamConstants.END_ELEMENT) {
                if (depth == entryDepth) {
                    entryDepth = -1;
                }
                depth--;
            } else if (event == XMLStreamConstants.START_ELEMENT) {
                if (in.isAtom("entry")) {
                    ordinal++;
                    entryDepth = depth + 1;
                } else if (in.isEspi("IntervalBlock")) {
                    FeedIndex.BlockContext context = index.context(entryDepth < 0 ? -1 : ordinal);
                    if (context.skipReason() != null) {
                        in.skipElement();
                        continue;
                    }
                    EspiReadingType type = context.readingType();
                    used = used == null ? type : used;
                    IntervalBlockParser.parse(in, raw -> {
                        BigDecimal wattHours = type.wattHours(raw.value());
                        BigDecimal cost = raw.cost() == null ? null : EspiReadingType.currencyUnits(raw.cost());
                        sink.accept(new Reading(Instant.ofEpochSecond(raw.start()), raw.seconds(), wattHours, cost,
                                context.usagePoint()));
                        readings[0]++;
                        total[0] = total[0].add(wattHours);
                    });
                    blocks++;
                    continue;
                } else if (in.isEspi("UsagePoint") || in.isEspi("MeterReading") || in.isEspi("ReadingType")) {
                    in.skipElement(); // as pass one does: nothing inside these is an IntervalBlock
                    continue;
                }
                depth++;
            }
        }
        EspiReadingType described = used != null ? used : index.firstReadingType();
        return new Summary(index.usagePoints(), blocks, readings[0], EspiReadingType.canonical(total[0]), described == null ? null : described.uom(),
                described == null ? null : described.currencyCode(), index.warnings());
    }
}
