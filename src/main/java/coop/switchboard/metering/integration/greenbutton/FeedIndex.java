package coop.switchboard.metering.integration.greenbutton;

import javax.xml.stream.XMLStreamConstants;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * Pass one over a Green Button file. Finds the UsagePoints, MeterReadings and ReadingTypes, follows the Atom
 * {@code self}/{@code up}/{@code related} links that tie each IntervalBlock's entry to its MeterReading, ReadingType
 * and UsagePoint (a ReadingType may come after the IntervalBlocks in document order), and checks that every
 * IntervalReading parses, so that pass two can stream readings knowing their units and a bad file fails before the
 * sink has seen a single reading. Memory grows with the number of entries holding IntervalBlocks (typically one a
 * day), never with the number of readings.
 */
final class FeedIndex {

    /** How to read the IntervalBlocks of one Atom entry; {@code skipReason} is non-null when they are not imported. */
    record BlockContext(EspiReadingType readingType, String usagePoint, String skipReason) {
    }

    /** An Atom entry (or a bare ESPI resource outside any entry, ordinal -1) and what pass one learned about it. */
    private static final class Resource {
        final int ordinal;
        final int line;
        final List<String> related = new ArrayList<>();
        String self;
        String selfHref;
        String up;
        String title;
        EspiReadingType readingType;
        Integer serviceKind;
        int blockLine;
        long readings;

        Resource(int ordinal, int line) {
            this.ordinal = ordinal;
            this.line = line;
        }

        void link(String rel, String href) {
            if (href == null || href.isBlank()) {
                return;
            }
            switch (rel == null ? "alternate" : rel) {
                case "self" -> {
                    self = normalize(href);
                    selfHref = href.trim();
                }
                case "up" -> up = normalize(href);
                case "related" -> related.add(normalize(href));
                default -> { } // alternate, via, ...: not used for linking
            }
        }

        String label() {
            return selfHref != null ? selfHref : "at line " + line;
        }

        String usagePointName() {
            return title != null && !title.isBlank() ? title : selfHref;
        }
    }

    private final List<Resource> usagePoints = new ArrayList<>();
    private final List<Resource> meterReadings = new ArrayList<>();
    private final List<Resource> readingTypes = new ArrayList<>();
    private final List<Resource> blocks = new ArrayList<>();
    private final Map<Integer, BlockContext> contexts = new HashMap<>();
    private final List<String> warnings = new ArrayList<>();

    private FeedIndex() {
    }

    static FeedIndex scan(StaxInput in) {
        FeedIndex index = new FeedIndex();
        index.read(in);
        index.resolve();
        return index;
    }

    int usagePoints() {
        return usagePoints.size();
    }

    /** The context of the IntervalBlocks in entry {@code ordinal} (-1 for IntervalBlocks outside any Atom entry). */
    BlockContext context(int ordinal) {
        BlockContext context = contexts.get(ordinal);
        if (context == null) { // pass two found a block pass one did not: the file changed under us
            throw new IllegalStateException("Green Button file changed while it was being read");
        }
        return context;
    }

    /** The file's first ReadingType, for a summary of a file without readings; null when it has none. */
    EspiReadingType firstReadingType() {
        return readingTypes.isEmpty() ? null : readingTypes.getFirst().readingType;
    }

    List<String> warnings() {
        return warnings;
    }

    private void read(StaxInput in) {
        Resource entry = null;
        int ordinal = -1;
        int depth = 0;
        int entryDepth = -1;
        while (in.hasNext()) {
            int event = in.next();
            if (event == XMLStreamConstants.END_ELEMENT) {
                if (depth == entryDepth) {
                    entry = null;
                    entryDepth = -1;
                }
                depth--;
            } else if (event == XMLStreamConstants.START_ELEMENT) {
                boolean entryChild = entry != null && depth == entryDepth;
                if (in.isAtom("entry")) {
                    entry = new Resource(++ordinal, in.line());
                    entryDepth = depth + 1;
                } else if (entryChild && in.isAtom("link")) {
                    entry.link(in.attribute("rel"), in.attribute("href"));
                } else if (entryChild && in.isAtom("title")) {
                    entry.title = in.text();
                    continue; // text() consumed the end tag
                } else if (resource(in, entry)) {
                    continue; // the resource was read through its end tag
                }
                depth++;
            }
        }
    }

    /** Reads an ESPI resource this index cares about, through its end tag; false for any other element. */
    private boolean resource(StaxInput in, Resource entry) {
        if (!StaxInput.ESPI.equals(in.namespace())) {
            return false;
        }
        String kind = in.localName();
        if (!List.of("UsagePoint", "MeterReading", "ReadingType", "IntervalBlock").contains(kind)) {
            return false;
        }
        Resource resource = entry != null ? entry : new Resource(-1, in.line());
        switch (kind) {
            case "UsagePoint" -> {
                resource.serviceKind = serviceKind(in);
                addOnce(usagePoints, resource);
            }
            case "MeterReading" -> {
                // ESPI's MeterReading is empty; some feeds (the 2025 samples) nest the ReadingType inside it.
                resource.readingType = nestedReadingType(in);
                addOnce(meterReadings, resource);
                if (resource.readingType != null) {
                    addOnce(readingTypes, resource);
                }
            }
            case "ReadingType" -> {
                resource.readingType = EspiReadingType.parse(in);
                addOnce(readingTypes, resource);
            }
            default -> {
                resource.blockLine = in.line();
                resource.readings += IntervalBlockParser.parse(in, reading -> { });
                addOnce(blocks, resource);
            }
        }
        return true;
    }

    private static Integer serviceKind(StaxInput in) {
        Integer kind = null;
        while (in.next() != XMLStreamConstants.END_ELEMENT) {
            if (in.isStartElement() && in.isEspi("ServiceCategory")) {
                while (in.next() != XMLStreamConstants.END_ELEMENT) {
                    if (in.isStartElement() && in.isEspi("kind")) {
                        kind = in.intText("ServiceCategory kind");
                    } else if (in.isStartElement()) {
                        in.skipElement();
                    }
                }
            } else if (in.isStartElement()) {
                in.skipElement();
            }
        }
        return kind;
    }

    private static EspiReadingType nestedReadingType(StaxInput in) {
        EspiReadingType readingType = null;
        while (in.next() != XMLStreamConstants.END_ELEMENT) {
            if (in.isStartElement() && in.isEspi("ReadingType")) {
                readingType = EspiReadingType.parse(in);
            } else if (in.isStartElement()) {
                in.skipElement();
            }
        }
        return readingType;
    }

    private void resolve() {
        Map<String, long[]> skipped = new LinkedHashMap<>(); // reason -> {blocks, readings}
        for (Resource block : blocks) {
            BlockContext context = context(block);
            contexts.put(block.ordinal, context);
            if (context.skipReason() != null) {
                long[] counts = skipped.computeIfAbsent(context.skipReason(), reason -> new long[2]);
                counts[0]++;
                counts[1] += block.readings;
            }
        }
        skipped.forEach((reason, counts) -> warnings.add("skipped " + counts[0] + " IntervalBlock(s) with " + counts[1]
                + " reading(s): " + reason));
    }

    private BlockContext context(Resource block) {
        Resource meterReading = unique(meterReadings, candidate -> owns(candidate, block));
        Resource type = null;
        if (meterReading != null) {
            type = meterReading.readingType != null ? meterReading
                    : unique(readingTypes, candidate -> linked(meterReading, candidate));
        }
        if (type == null) {
            if (readingTypes.isEmpty()) {
                throw new GreenButtonException(block.blockLine, "IntervalBlock has no ReadingType: none is linked to it"
                        + " and the file holds none, so the unit of its values is unknown");
            }
            if (readingTypes.size() > 1) {
                throw new GreenButtonException(block.blockLine, "IntervalBlock is not linked to one of the file's "
                        + readingTypes.size() + " ReadingTypes, so the unit of its values is unknown");
            }
            type = readingTypes.getFirst();
            String warning = "IntervalBlocks not linked to a ReadingType were read with the file's only ReadingType ("
                    + type.label() + ")";
            if (!warnings.contains(warning)) {
                warnings.add(warning);
            }
        }
        Resource usagePoint = meterReading == null ? null : unique(usagePoints, candidate -> owns(candidate, meterReading));
        if (usagePoint == null && usagePoints.size() == 1) {
            usagePoint = usagePoints.getFirst();
        }
        String reason = type.readingType.skipReason();
        if (reason != null) {
            reason = "ReadingType " + type.label() + ": " + reason;
        } else if (usagePoint != null && usagePoint.serviceKind != null && usagePoint.serviceKind != 0) {
            reason = "UsagePoint " + usagePoint.label() + " has ServiceCategory kind " + usagePoint.serviceKind
                    + ", not electricity (0)";
        }
        return new BlockContext(type.readingType, usagePoint == null ? null : usagePoint.usagePointName(), reason);
    }

    /**
     * Whether {@code child} belongs to {@code parent} in Green Button's link shape: the parent's {@code related} link
     * names the child or the collection the child is {@code up} in, or the child's href lies under the parent's.
     */
    private static boolean owns(Resource parent, Resource child) {
        if (parent == child) {
            return false;
        }
        if (child.up != null && parent.related.contains(child.up) || child.self != null && parent.related.contains(child.self)) {
            return true;
        }
        return parent.self != null && (under(child.self, parent.self) || under(child.up, parent.self));
    }

    private static boolean linked(Resource meterReading, Resource readingType) {
        return readingType.self != null && meterReading.related.contains(readingType.self)
                || meterReading.self != null && readingType.related.contains(meterReading.self);
    }

    private static boolean under(String href, String parent) {
        return href != null && href.startsWith(parent + "/");
    }

    /** The one candidate matching, or null when none or several do. */
    private static Resource unique(List<Resource> candidates, Predicate<Resource> matches) {
        Resource found = null;
        for (Resource candidate : candidates) {
            if (matches.test(candidate)) {
                if (found != null) {
                    return null;
                }
                found = candidate;
            }
        }
        return found;
    }

    private static void addOnce(List<Resource> list, Resource resource) {
        if (list.isEmpty() || list.getLast() != resource) {
            list.add(resource);
        }
    }

    /**
     * Hrefs compare by path: one feed may link with absolute URLs ({@code https://host/espi/...}) and another with
     * paths ({@code /espi/...}).
     */
    static String normalize(String href) {
        String path = href.trim();
        int scheme = path.indexOf("://");
        if (scheme >= 0) {
            int slash = path.indexOf('/', scheme + 3);
            path = slash < 0 ? "/" : path.substring(slash);
        }
        int query = path.indexOf('?');
        if (query >= 0) {
            path = path.substring(0, query);
        }
        while (path.length() > 1 && path.endsWith("/")) {
            path = path.substring(0, path.length() - 1);
        }
        return path;
    }
}
