package coop.switchboard.metering.integration.greenbutton;

import coop.switchboard.metering.integration.greenbutton.GreenButtonReader.Reading;
import coop.switchboard.metering.integration.greenbutton.GreenButtonReader.Summary;
import coop.switchboard.metering.integration.greenbutton.GreenButtonWriter.Export;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;
import org.w3c.dom.ls.DOMImplementationLS;
import org.w3c.dom.ls.LSInput;
import org.xml.sax.SAXException;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.transform.dom.DOMSource;
import javax.xml.validation.Schema;
import javax.xml.validation.SchemaFactory;
import javax.xml.validation.Validator;
import javax.xml.xpath.XPath;
import javax.xml.xpath.XPathConstants;
import javax.xml.xpath.XPathFactory;
import java.io.BufferedOutputStream;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class GreenButtonTest {

    private static final String ESPI = "http://naesb.org/espi";
    private static final String ATOM = "http://www.w3.org/2005/Atom";
    private static final Path SHARED = Path.of("../shared/fixtures/green-button");
    private static final ZoneId CENTRAL = ZoneId.of("America/Chicago");
    private static final String READING_TYPE_LINK = "<link rel=\"related\" href=\"/espi/1_1/resource/ReadingType/07\"/>";

    @TempDir
    Path temp;

    // ---- import of the published samples ------------------------------------------------------------------------

    @Test
    void importsOneDayOfFifteenMinuteReadingsWithCosts() throws Exception {
        Imported day = read(resource("test_usage_data_01.xml"));

        assertThat(day.summary().readings()).isEqualTo(96);
        assertThat(day.readings()).hasSize(96).allSatisfy(reading -> {
            assertThat(reading.seconds()).isEqualTo(900);
            assertThat(reading.usagePoint()).isEqualTo("Front Electric Meter");
        });
        assertThat(day.summary().totalWattHours()).isEqualByComparingTo("93846");
        assertThat(sum(day.readings().stream().map(Reading::cost).toList())).isEqualByComparingTo("11.48274");
        assertThat(day.summary()).extracting(Summary::usagePoints, Summary::intervalBlocks, Summary::uom, Summary::currency)
                .containsExactly(1, 1, 72, "USD");
        assertThat(day.summary().warnings()).isEmpty();
        assertThat(day.readings().getFirst()).isEqualTo(new Reading(Instant.parse("2012-03-01T05:00:00Z"), 900,
                new BigDecimal("282"), new BigDecimal("0.00974"), "Front Electric Meter"));
    }

    @Test
    void importsFourteenIntervalBlocksMatchingAnIndependentSum() throws Exception {
        Path file = shared("test_usage_data.xml");
        Imported fortnight = read(file);
        DomTotals expected = DomTotals.of(file);

        assertThat(fortnight.summary().intervalBlocks()).isEqualTo(14);
        assertThat(fortnight.summary().readings()).isEqualTo(expected.readings()).isEqualTo(1340);
        assertThat(fortnight.summary().totalWattHours()).isEqualByComparingTo(expected.wattHours());
        assertThat(sum(fortnight.readings().stream().map(Reading::cost).toList()))
                .isEqualByComparingTo(expected.cost().movePointLeft(5));
    }

    @Test
    void readsThe2025PrefixedFeedWhoseReadingTypeIsNestedInTheMeterReading() throws Exception {
        // The published 2025 sample has a UsagePoint, LocalTimeParameters and an hourly ReadingType but no
        // IntervalBlock, so it imports nothing; see the next test for the same feed with a day of readings added.
        Path file = shared("Usage-Subscription-Feed-Anonymized.xml");
        Imported feed = read(file);

        assertThat(feed.summary().readings()).isEqualTo(DomTotals.of(file).readings()).isZero();
        assertThat(feed.summary()).extracting(Summary::usagePoints, Summary::uom).containsExactly(1, 72);
        assertThat(feed.summary().warnings()).isEmpty();
    }

    @Test
    void importsHourlyReadingsFromAnEspiPrefixedFeedWhoseReadingTypeComesAfterTheBlocks() throws Exception {
        String sample = Files.readString(shared("Usage-Subscription-Feed-Anonymized.xml"));
        int meterReadingEntry = sample.lastIndexOf("<entry", sample.indexOf("urn:uuid:66666666"));
        String withBlock = sample.substring(0, meterReadingEntry) + hourlyBlockEntry() + "\t" + sample.substring(meterReadingEntry);
        Path file = write("hourly.xml", withBlock);

        Imported hourly = read(file);
        DomTotals expected = DomTotals.of(file);

        assertThat(hourly.readings()).hasSize(24).allSatisfy(reading -> {
            assertThat(reading.seconds()).isEqualTo(3600);
            assertThat(reading.usagePoint()).isEqualTo("Test Usage Point");
        });
        assertThat(hourly.summary().readings()).isEqualTo(expected.readings());
        assertThat(hourly.summary().totalWattHours()).isEqualByComparingTo(expected.wattHours());
        assertThat(hourly.summary().warnings()).isEmpty();
    }

    @Test
    void readingTypeAfterItsIntervalBlockInDocumentOrderStillApplies() throws Exception {
        String sample = Files.readString(resource("test_usage_data_01.xml"));
        String readingType = entryHolding(sample, "<ReadingType");
        String moved = sample.replace(readingType, "").replace("</feed>", readingType + "</feed>");
        assertThat(moved.indexOf("<ReadingType")).isGreaterThan(moved.indexOf("<IntervalBlock"));

        Imported day = read(write("moved.xml", moved));

        assertThat(day.summary().readings()).isEqualTo(96);
        assertThat(day.summary().totalWattHours()).isEqualByComparingTo("93846");
        assertThat(day.summary().warnings()).isEmpty();
    }

    @Test
    void aUsagePointWithoutReadingsImportsNothingWithoutError() throws Exception {
        Imported usagePoint = read(shared("usage_point.xml"));

        assertThat(usagePoint.readings()).isEmpty();
        assertThat(usagePoint.summary()).extracting(Summary::usagePoints, Summary::intervalBlocks, Summary::readings, Summary::uom)
                .containsExactly(1, 0, 0L, null);
        assertThat(usagePoint.summary().totalWattHours()).isEqualByComparingTo("0");
    }

    @Test
    void appliesThePowerOfTenMultiplierToWattHours() throws Exception {
        String kiloWattHours = Files.readString(resource("test_usage_data_01.xml"))
                .replace("<powerOfTenMultiplier>0</powerOfTenMultiplier>\n\t\t\t\t<timeAttribute>", "<powerOfTenMultiplier>3</powerOfTenMultiplier>\n\t\t\t\t<timeAttribute>");

        Imported day = read(write("kwh.xml", kiloWattHours));

        assertThat(day.summary().totalWattHours()).isEqualTo(new BigDecimal("93846000"));
        assertThat(day.readings().getFirst().wattHours()).isEqualTo(new BigDecimal("282000"));
    }

    @Test
    void skipsBlocksWhoseUnitIsNotEnergyWithAWarning() throws Exception {
        String watts = Files.readString(resource("test_usage_data_01.xml")).replace("<uom>72</uom>\n\t\t\t\t<interharmonic>", "<uom>38</uom>\n\t\t\t\t<interharmonic>");

        Imported day = read(write("watts.xml", watts));

        assertThat(day.readings()).isEmpty();
        assertThat(day.summary().intervalBlocks()).isZero();
        assertThat(day.summary().warnings()).singleElement().asString()
                .contains("skipped 1 IntervalBlock(s) with 96 reading(s)", "/ReadingType/07", "uom 38 (W)");
    }

    @Test
    void anUnlinkedIntervalBlockUsesTheOnlyReadingTypeWithAWarning() throws Exception {
        String unlinked = Files.readString(resource("test_usage_data_01.xml")).replace(READING_TYPE_LINK, "");

        Imported day = read(write("unlinked.xml", unlinked));

        assertThat(day.summary().totalWattHours()).isEqualByComparingTo("93846");
        assertThat(day.summary().warnings()).singleElement().asString().contains("only ReadingType", "/ReadingType/07");
    }

    @Test
    void rejectsAnUnlinkedIntervalBlockWhenTheFileHasSeveralReadingTypes() throws Exception {
        String sample = Files.readString(resource("test_usage_data_01.xml"));
        String second = entryHolding(sample, "<ReadingType").replace("ReadingType/07", "ReadingType/08");
        String ambiguous = sample.replace(READING_TYPE_LINK, "").replace("</feed>", second + "</feed>");

        assertRejected(write("ambiguous.xml", ambiguous), lineOf(ambiguous, ambiguous.indexOf("<IntervalBlock")),
                "not linked to one of the file's 2 ReadingTypes");
    }

    // ---- malformed input ----------------------------------------------------------------------------------------

    @Test
    void rejectsTruncatedXmlNamingTheLine() throws Exception {
        String sample = Files.readString(resource("test_usage_data_01.xml"));
        String truncated = sample.substring(0, sample.indexOf("<value>", sample.length() / 2) + 4);

        assertRejected(write("truncated.xml", truncated), lines(truncated), "malformed XML");
    }

    @Test
    void rejectsANonNumericValueNamingTheLine() throws Exception {
        String sample = Files.readString(resource("test_usage_data_01.xml"));
        int at = sample.indexOf("<value>323</value>");
        String bad = sample.substring(0, at) + "<value>3x3</value>" + sample.substring(at + "<value>323</value>".length());

        assertRejected(write("non-numeric.xml", bad), lineOf(bad, at), "IntervalReading value is not a whole number: '3x3'");
    }

    @Test
    void rejectsAnIntervalBlockWithNoReadingTypeAnywhere() throws Exception {
        String sample = Files.readString(resource("test_usage_data_01.xml"));
        String orphan = sample.replace(entryHolding(sample, "<ReadingType"), "");

        assertRejected(write("orphan.xml", orphan), lineOf(orphan, orphan.indexOf("<IntervalBlock")), "has no ReadingType");
    }

    @Test
    void rejectsAReadingWithoutATimePeriod() throws Exception {
        String sample = Files.readString(resource("test_usage_data_01.xml"));
        int reading = sample.indexOf("<IntervalReading>", sample.indexOf("<IntervalReading>") + 1);
        int period = sample.indexOf("<timePeriod>", reading);
        String bad = sample.substring(0, period) + sample.substring(sample.indexOf("</timePeriod>", period) + 13);

        assertRejected(write("no-period.xml", bad), lineOf(bad, reading), "no timePeriod");
    }

    // ---- export -------------------------------------------------------------------------------------------------

    @Test
    void exportsThreeDaysAcrossADaylightSavingChangeAndReadsThemBackIdentically() throws Exception {
        List<Reading> readings = new ArrayList<>();
        new FifteenMinuteReadings(LocalDate.of(2026, 3, 7), 3, "Well pump").forEachRemaining(readings::add);
        Path file = temp.resolve("export.xml");
        try (OutputStream out = Files.newOutputStream(file)) {
            GreenButtonWriter.write(out, export("Well pump", readings.iterator()));
        }

        Imported back = read(file);

        assertThat(readings).hasSize(96 + 92 + 96); // 8 March 2026 has 23 hours in Chicago
        assertThat(back.readings()).isEqualTo(readings);
        assertThat(back.summary().totalWattHours()).isEqualByComparingTo(sum(readings.stream().map(Reading::wattHours).toList()));
        assertThat(back.summary()).extracting(Summary::usagePoints, Summary::intervalBlocks, Summary::uom, Summary::currency)
                .containsExactly(1, 3, 72, "USD");
        assertThat(back.summary().warnings()).isEmpty();
    }

    @Test
    void exportIsAnAtomFeedWhoseEspiResourcesAllValidateAgainstTheSchema() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        GreenButtonWriter.write(out, export(null, new FifteenMinuteReadings(LocalDate.of(2026, 10, 31), 3, null)));

        Document feed = parse(out.toByteArray()); // throws if the output is not well-formed
        Element root = feed.getDocumentElement();
        assertThat(root.getNamespaceURI()).isEqualTo(ATOM);
        assertThat(root.getLocalName()).isEqualTo("feed");

        Validator validator = espiSchema().newValidator();
        List<String> resources = new ArrayList<>();
        NodeList contents = feed.getElementsByTagNameNS(ATOM, "content");
        for (int i = 0; i < contents.getLength(); i++) {
            Element resource = onlyChildElement(contents.item(i));
            assertThat(resource.getNamespaceURI()).isEqualTo(ESPI);
            validator.validate(new DOMSource(resource)); // throws SAXException naming the offending element
            resources.add(resource.getLocalName());
        }
        assertThat(resources).containsExactly("UsagePoint", "LocalTimeParameters", "MeterReading", "ReadingType",
                "IntervalBlock", "IntervalBlock", "IntervalBlock");

        XPath xpath = XPathFactory.newInstance().newXPath();
        assertThat(xpath.evaluate("//*[local-name()='LocalTimeParameters']/*[local-name()='dstStartRule']", feed)).isEqualTo("360E2000");
        assertThat(xpath.evaluate("//*[local-name()='LocalTimeParameters']/*[local-name()='dstEndRule']", feed)).isEqualTo("B40E2000");
        assertThat(xpath.evaluate("//*[local-name()='LocalTimeParameters']/*[local-name()='tzOffset']", feed)).isEqualTo("-21600");
        assertThat(xpath.evaluate("//*[local-name()='ReadingType']/*[local-name()='powerOfTenMultiplier']", feed)).isEqualTo("-3");
        // 1 November 2026 is 25 hours long in Chicago
        assertThat(xpath.evaluate("(//*[local-name()='IntervalBlock'])[2]/*[local-name()='interval']/*[local-name()='duration']", feed))
                .isEqualTo("90000");
        assertThat(xpath.evaluate("count(//*[local-name()='entry']/*[local-name()='link'][@rel='self'][starts-with(@href, "
                + "'/espi/1_1/resource/Subscription/1/UsagePoint/1/MeterReading/1/IntervalBlock/')])", feed)).isEqualTo("3");
    }

    @Test
    void theSchemaCheckRejectsAnInvalidResource() throws Exception {
        // guards the test above: the validator really checks ESPI content (here: uom must come after kind)
        Document wrongOrder = parse("<ReadingType xmlns='%s'><uom>72</uom><kind>12</kind></ReadingType>".formatted(ESPI)
                .getBytes(StandardCharsets.UTF_8));

        assertThatThrownBy(() -> espiSchema().newValidator().validate(new DOMSource(wrongOrder.getDocumentElement())))
                .isInstanceOf(SAXException.class).hasMessageContaining("kind");
    }

    @Test
    void encodesDaylightSavingRulesTheWayEspiPacksThem() {
        Instant at = Instant.parse("2026-11-23T12:00:00Z");

        assertThat(EspiDstRule.of(CENTRAL, at)).isEqualTo(new EspiDstRule(-21600, 3600, "360E2000", "B40E2000"));
        assertThat(EspiDstRule.of(ZoneId.of("America/New_York"), at)).isEqualTo(new EspiDstRule(-18000, 3600, "360E2000", "B40E2000"));
        // last Sunday of March 02:00 CET, last Sunday of October 03:00 CEST
        assertThat(EspiDstRule.of(ZoneId.of("Europe/Berlin"), at)).isEqualTo(new EspiDstRule(3600, 3600, "3E0E2000", "AE0E3000"));
        assertThat(EspiDstRule.of(ZoneId.of("America/Phoenix"), at)).isEqualTo(new EspiDstRule(-25200, 0, "FFFFFFFF", "FFFFFFFF"));
    }

    @Test
    void exportRejectsWattHoursFinerThanAMilliwattHour() {
        Reading tooFine = new Reading(Instant.parse("2026-01-01T06:00:00Z"), 900, new BigDecimal("1.0005"), null, null);

        assertThatThrownBy(() -> GreenButtonWriter.write(new ByteArrayOutputStream(), export("x", List.of(tooFine).iterator())))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("more than 3 decimals");
    }

    @Test
    void streamsAFeedOfTwoHundredThousandReadings() throws Exception {
        Path file = temp.resolve("large.xml");
        FifteenMinuteReadings generated = new FifteenMinuteReadings(LocalDate.of(2020, 1, 1), 2084, "Large");
        long writeStart = System.nanoTime();
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16)) {
            GreenButtonWriter.write(out, export("Large", new Limited(generated, 200_000)));
        }
        long writeMillis = (System.nanoTime() - writeStart) / 1_000_000;

        long[] count = {0};
        long readStart = System.nanoTime();
        Summary summary = GreenButtonReader.read(file, reading -> count[0]++);
        long readMillis = (System.nanoTime() - readStart) / 1_000_000;

        System.out.printf("Green Button: 200,000 readings, %,d bytes, written in %d ms, read (two passes) in %d ms%n",
                Files.size(file), writeMillis, readMillis);
        assertThat(count[0]).isEqualTo(summary.readings()).isEqualTo(200_000);
        assertThat(summary.totalWattHours()).isEqualByComparingTo(generated.total());
        assertThat(readMillis).isLessThan(20_000); // typically 1-2 s; generous for loaded build machines
    }

    // ---- helpers ------------------------------------------------------------------------------------------------

    private record Imported(Summary summary, List<Reading> readings) {
    }

    private static Imported read(Path file) {
        List<Reading> readings = new ArrayList<>();
        Summary summary = GreenButtonReader.read(file, readings::add);
        return new Imported(summary, readings);
    }

    private static void assertRejected(Path file, int line, String message) {
        List<Reading> received = new ArrayList<>();
        assertThatThrownBy(() -> GreenButtonReader.read(file, received::add))
                .isInstanceOf(GreenButtonException.class).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("line " + line + ": ").hasMessageContaining(message)
                .satisfies(e -> assertThat(((GreenButtonException) e).line()).isEqualTo(line));
        assertThat(received).as("nothing reaches the sink from a rejected file").isEmpty();
    }

    private static Export export(String title, Iterator<Reading> readings) {
        return new Export("urn:uuid:2f0c7b9e-5d1a-4c53-9a57-0d6c1f4b8e21", Instant.parse("2026-11-23T12:00:00Z"), title,
                "M-1042", CENTRAL, 900, readings);
    }

    /** 15-minute readings over whole local days in Chicago, with fractional Wh and costs; values in canonical scale. */
    private static final class FifteenMinuteReadings implements Iterator<Reading> {
        private final Instant end;
        private final String usagePoint;
        private Instant next;
        private long index;
        private BigDecimal total = BigDecimal.ZERO;

        FifteenMinuteReadings(LocalDate first, int days, String usagePoint) {
            this.next = first.atStartOfDay(CENTRAL).toInstant();
            this.end = first.plusDays(days).atStartOfDay(CENTRAL).toInstant();
            this.usagePoint = usagePoint;
        }

        @Override
        public boolean hasNext() {
            return next.isBefore(end);
        }

        @Override
        public Reading next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            index++;
            BigDecimal wattHours = canonical(BigDecimal.valueOf(index * 7_919 % 900_000, 3)); // up to 899.999 Wh
            BigDecimal cost = index % 5 == 0 ? null : canonical(BigDecimal.valueOf(index * 104_729 % 9_000_000, 5));
            Reading reading = new Reading(next, 900, wattHours, cost, usagePoint);
            total = total.add(wattHours);
            next = next.plusSeconds(900);
            return reading;
        }

        BigDecimal total() {
            return total;
        }
    }

    private record Limited(Iterator<Reading> readings, long limit, long[] taken) implements Iterator<Reading> {
        Limited(Iterator<Reading> readings, long limit) {
            this(readings, limit, new long[1]);
        }

        @Override
        public boolean hasNext() {
            return taken[0] < limit && readings.hasNext();
        }

        @Override
        public Reading next() {
            taken[0]++;
            return readings.next();
        }
    }

    /** Count and sums of IntervalReading values and costs, computed with DOM and XPath, not with the reader. */
    private record DomTotals(long readings, BigDecimal wattHours, BigDecimal cost) {
        static DomTotals of(Path file) throws Exception {
            Document document = parse(Files.readAllBytes(file));
            XPath xpath = XPathFactory.newInstance().newXPath();
            String readings = "//*[local-name()='IntervalReading' and namespace-uri()='" + ESPI + "']";
            double count = (Double) xpath.evaluate("count(" + readings + ")", document, XPathConstants.NUMBER);
            // XPath sums are doubles: exact here, the sums are far below 2^53
            double values = (Double) xpath.evaluate("sum(" + readings + "/*[local-name()='value'])", document, XPathConstants.NUMBER);
            double costs = (Double) xpath.evaluate("sum(" + readings + "/*[local-name()='cost'])", document, XPathConstants.NUMBER);
            return new DomTotals((long) count, BigDecimal.valueOf((long) values), BigDecimal.valueOf((long) costs));
        }
    }

    /**
     * The ESPI schema, from a copy in test resources. espi.xsd imports the Atom schema ({@code atom.xsd}, not
     * published with it); the resolver answers that import with an empty schema for the Atom namespace. That loses
     * nothing: espi.xsd declares the {@code atom} prefix but no element or type refers to an Atom component (the test
     * checks there is no {@code atom:} reference), so every ESPI resource is validated against its full definition.
     * Atom itself (the feed around the resources) is checked for shape by the test, not by schema.
     */
    private static Schema espiSchema() throws Exception {
        Path xsd = resource("espi.xsd");
        assertThat(Files.readString(xsd)).doesNotContain("atom:");
        DOMImplementationLS ls = (DOMImplementationLS) DocumentBuilderFactory.newInstance().newDocumentBuilder().getDOMImplementation();
        SchemaFactory factory = SchemaFactory.newDefaultInstance();
        factory.setResourceResolver((type, namespace, publicId, systemId, baseUri) -> {
            if (!ATOM.equals(namespace)) {
                return null;
            }
            LSInput atom = ls.createLSInput();
            atom.setSystemId("stand-in-atom.xsd");
            atom.setStringData("<xs:schema xmlns:xs='" + XMLConstants.W3C_XML_SCHEMA_NS_URI + "' targetNamespace='" + ATOM + "'/>");
            return atom;
        });
        return factory.newSchema(xsd.toFile());
    }

    private static Document parse(byte[] xml) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        DocumentBuilder builder = factory.newDocumentBuilder();
        return builder.parse(new ByteArrayInputStream(xml));
    }

    private static Element onlyChildElement(Node parent) {
        Element only = null;
        for (Node child = parent.getFirstChild(); child != null; child = child.getNextSibling()) {
            if (child instanceof Element element) {
                assertThat(only).as("one resource per content").isNull();
                only = element;
            }
        }
        assertThat(only).isNotNull();
        return only;
    }

    private static String hourlyBlockEntry() {
        String base = "https://test-datacustodian.example.com/espi/1_1/resource/Subscription/test-subscription-id"
                + "/UsagePoint/test-usage-point-id/MeterReading/test-meter-reading-id/IntervalBlock";
        long start = Instant.parse("2025-01-01T05:00:00Z").getEpochSecond();
        StringBuilder readings = new StringBuilder();
        for (int hour = 0; hour < 24; hour++) {
            readings.append("""
                                    <espi:IntervalReading>
                                        <espi:cost>%d</espi:cost>
                                        <espi:timePeriod><espi:duration>3600</espi:duration><espi:start>%d</espi:start></espi:timePeriod>
                                        <espi:value>%d</espi:value>
                                    </espi:IntervalReading>
                    """.formatted(11_000 + 250 * hour, start + 3600L * hour, 480 + 37 * hour % 700));
        }
        return """
                <entry xmlns:espi="http://naesb.org/espi">
                		<id>urn:uuid:77777777-0000-0000-0000-000000000001</id>
                		<link href="%1$s" rel="up" type="espi-feed/IntervalBlock"/>
                		<link href="%1$s/test-interval-block-id" rel="self" type="espi-entry/IntervalBlock"/>
                		<title>Hourly Usage</title>
                		<content>
                			<espi:IntervalBlock>
                				<espi:interval><espi:duration>86400</espi:duration><espi:start>%2$d</espi:start></espi:interval>
                %3$s			</espi:IntervalBlock>
                		</content>
                	</entry>
                """.formatted(base, start, readings);
    }

    /** The whole {@code <entry>...</entry>} that holds {@code marker}, with its leading whitespace. */
    private static String entryHolding(String feed, String marker) {
        int at = feed.indexOf(marker);
        int start = feed.lastIndexOf("<entry>", at);
        while (start > 0 && Character.isWhitespace(feed.charAt(start - 1))) {
            start--;
        }
        return feed.substring(start, feed.indexOf("</entry>", at) + "</entry>".length());
    }

    private Path write(String name, String content) throws Exception {
        return Files.writeString(temp.resolve(name), content);
    }

    private static Path resource(String name) throws URISyntaxException {
        return Path.of(GreenButtonTest.class.getResource("/green-button/" + name).toURI());
    }

    private static Path shared(String name) {
        Path file = SHARED.resolve(name);
        assumeTrue(Files.isRegularFile(file), "shared fixture " + file + " is not present");
        return file;
    }

    private static int lineOf(String text, int index) {
        return (int) text.substring(0, index).chars().filter(c -> c == '\n').count() + 1;
    }

    private static int lines(String text) {
        return lineOf(text, text.length());
    }

    private static BigDecimal sum(List<BigDecimal> values) {
        return values.stream().filter(v -> v != null).reduce(BigDecimal.ZERO, BigDecimal::add);
    }

    private static BigDecimal canonical(BigDecimal value) {
        BigDecimal stripped = value.stripTrailingZeros();
        return stripped.scale() < 0 ? stripped.setScale(0) : stripped;
    }
}
