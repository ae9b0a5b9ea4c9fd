package coop.switchboard.billing.document;

import coop.switchboard.shared.ScanLine;
import coop.switchboard.members.MemberView.Language;
import coop.switchboard.metering.Register;
import coop.switchboard.metering.UsageHistory.MonthUsage;
import coop.switchboard.shared.Money;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The bill layout without a database: a long bill (three services, five messages, a credit) flows onto a second page
 * while the remittance stub stays at the foot of the first; the usage graph's bars scale to the largest month.
 */
class BillLayoutDocumentTests {
    private final BillTemplates templates = new BillTemplates();
    private final BillPdf pdf = new BillPdf();

    private static String pageText(byte[] bytes, int page) throws Exception {
        try (PDDocument doc = Loader.loadPDF(bytes)) {
            PDFTextStripper stripper = new PDFTextStripper();
            stripper.setStartPage(page);
            stripper.setEndPage(page);
            return stripper.getText(doc).replaceAll("\\s+", " ");
        }
    }

    private static int pages(byte[] bytes) throws Exception {
        try (PDDocument doc = Loader.loadPDF(bytes)) {
            return doc.getNumberOfPages();
        }
    }

    private static List<MonthUsage> months(YearMonth last, int... usage) {
        List<MonthUsage> months = new ArrayList<>();
        for (int i = 0; i < usage.length; i++) {
            YearMonth m = last.minusMonths(usage.length - 1 - i);
            months.add(new MonthUsage(m, Register.KWH, usage[i] < 0 ? null : BigDecimal.valueOf(usage[i]), usage[i] < 0 ? 0 : 30, i == 4));
        }
        return months;
    }

    private BillDocument longBill(BillText text) {
        YearMonth may = YearMonth.of(2025, 5);
        List<BillDocument.Charge> tou = new ArrayList<>();
        tou.add(new BillDocument.Charge("Customer charge", "1 month", "$32.00", "$32.00"));
        for (String period : List.of("Off-peak", "On-peak", "Summer on-peak")) {
            tou.add(new BillDocument.Charge("Energy (" + period + ")", "412.5 kWh", "$0.1650", "$68.06"));
        }
        tou.add(new BillDocument.Charge("Demand over 10 kW", "4.2 kW", "$8.50", "$35.70"));
        tou.add(new BillDocument.Charge("Power cost adjustment", "1,237.5 kWh", "$0.0009", "$1.11"));
        tou.add(new BillDocument.Charge("City franchise fee (3%)", "$272.99", "3%", "$8.19"));
        tou.add(new BillDocument.Charge("State sales tax (6.5%)", "$281.18", "6.5%", "$18.28"));
        BillDocument.Service electric = new BillDocument.Service("Electric service", "Residential Time-of-Use (RTOU)",
                "400 Quarry Road, Newport, WA 99156", "Apr 10, 2025 to May 10, 2025", "30 days",
                new BillDocument.Meter("E1234567", "51,020", "52,257.5", "1,237.5 kWh", false, "14.2 kW", "14.2 kW", "41.3 kWh"),
                tou, "$299.47", UsageGraph.of(months(may, -1, -1, 900, 1010, 1400, 1320, 980, 760, 640, 720, 1100, 1180, 1237), may,
                "E1234567", "kWh", text));
        BillDocument.Service water = new BillDocument.Service("Water service", "Water Residential (WR)", "400 Quarry Road, Newport, WA 99156",
                "Apr 10, 2025 to May 10, 2025", "30 days",
                new BillDocument.Meter("W998877", "1,204,000", "1,210,400", "6,400 gallons", true, "", "", "213.3 gallons"),
                List.of(new BillDocument.Charge("Water base charge (5/8\" meter)", "1 month", "$24.00", "$24.00"),
                        new BillDocument.Charge("Water, first 5,000 gal", "5 kgal", "$3.10", "$15.50"),
                        new BillDocument.Charge("Water, next 10,000 gal", "1.4 kgal", "$4.25", "$5.95")),
                "$45.45", UsageGraph.of(months(may, 5200, 5100, 4800, 5000, 5600, 7100, 9800, 12100, 11800, 8200, 6100, 5900, 6400), may,
                "W998877", "gallons", text));
        BillDocument.Service light = new BillDocument.Service("Service", "Security Lighting (SL)", "400 Quarry Road, Newport, WA 99156",
                "Apr 10, 2025 to May 10, 2025", "30 days", null,
                List.of(new BillDocument.Charge("Security light (100W LED)", "2 fixtures", "$12.50", "$25.00")), "$25.00", null);
        List<String> texts = List.of("This bill includes an estimated read. Your next actual read will correct any difference.",
                "Your account has a credit of $130.08. There is nothing to pay; the credit will be applied to your next bill.",
                "Capital credits: the board retired $412,000 of 2004 and 2005 margins; checks go out in June.",
                "Office closed May 26 for Memorial Day. Pay any time at cedarvalley.coop or by phone.",
                "Spring line clearing runs along Quarry Road through June 15. Crews carry cooperative identification.");
        List<BillDocument.Message> messages = texts.stream().map(t -> new BillDocument.Message(t, false)).toList();
        return new BillDocument("en", "Bill for account 10000099",
                new BillDocument.Utility("Cedar Valley Electric Cooperative", "PO Box 1180, Calder, WA 99119", "(509) 555-0100",
                        "cedarvalley.coop", BillContent.addressLines("Cedar Valley Electric Cooperative, PO Box 1190, Calder, WA 99119")),
                "10000099", "Quarry Road Holdings", List.of("Attn: Accounts Payable", "1200 Industrial Pkwy, Suite 300", "Spokane, WA  99201"),
                "400 Quarry Road, Newport, WA 99156", "May 12, 2025", "Apr 10, 2025 to May 10, 2025", "30 days", "June 1, 2025", "$130.08",
                true, new BillDocument.Summary("-$500.00", "$0.00", "$0.00", "$369.92", "-$130.08"), List.of(electric, water, light),
                messages, ScanLine.of("10000099", Money.of("-130.08")));
    }

    @Test
    void aLongBillFlowsOntoASecondPageWithTheStubAtTheFootOfTheFirst() throws Exception {
        BillText text = templates.text(Language.EN);
        String html = templates.render("bill/bill", text, Map.of("b", longBill(text), "pdf", true));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        pdf.write(html, out);
        byte[] bytes = out.toByteArray();
        Path dir = Path.of("target", "bill-documents");
        Files.createDirectories(dir);
        Files.write(dir.resolve("bill-long.pdf"), bytes);

        assertThat(pages(bytes)).isEqualTo(2);
        String first = pageText(bytes, 1);
        String second = pageText(bytes, 2);
        assertThat(first).contains("Credit balance", "Nothing to pay", ScanLine.of("10000099", Money.ZERO),
                "Please detach and return this portion");
        assertThat(first).doesNotContain("Page 1");
        assertThat(second).contains("Page 2 of 2", "Cedar Valley Electric Cooperative · Account number 10000099 · Bill date May 12, 2025").doesNotContain("Please detach", ScanLine.of("10000099", Money.ZERO));
        assertThat(first + second).contains("Security light (100W LED)", "Water base charge (5/8\" meter)", "Spring line clearing");
    }

    @Test
    void barsScaleToTheLargestMonthAndMarkTheBillsMonth() {
        BillText text = templates.text(Language.ES);
        YearMonth may = YearMonth.of(2025, 5);
        UsageGraph graph = UsageGraph.of(months(may, -1, 0, 300, 600, 1200, 1, 900, 600, 600, 600, 600, 600, 1200), may, "E1", "kWh", text);
        assertThat(graph.bars()).hasSize(13);
        assertThat(graph.bars()).allSatisfy(b -> assertThat(b.spacer() + b.height()).isEqualTo(UsageGraph.HEIGHT));
        assertThat(graph.bars().getFirst().height()).isZero();
        assertThat(graph.bars().getFirst().value()).isEmpty();
        assertThat(graph.bars().get(1).height()).isZero();
        assertThat(graph.bars().get(2).height()).isEqualTo(UsageGraph.HEIGHT / 4);
        assertThat(graph.bars().get(4).height()).isEqualTo(UsageGraph.HEIGHT);
        assertThat(graph.bars().get(4).value()).isEqualTo("1,200");
        assertThat(graph.bars().get(5).height()).as("a little use still shows").isEqualTo(1);
        assertThat(graph.bars().getLast().current()).isTrue();
        assertThat(graph.bars().getLast().css()).isEqualTo("bar current");
        assertThat(graph.bars().get(4).css()).isEqualTo("bar estimated");
        assertThat(graph.anyEstimated()).isTrue();
        assertThat(graph.bars().getFirst().label()).isEqualTo("may");
        assertThat(graph.bars().getFirst().year()).isEqualTo("2024");
        assertThat(graph.bars().get(8).label()).isEqualTo("ene");
        assertThat(graph.bars().get(8).year()).isEqualTo("2025");
        assertThat(graph.title()).isEqualTo("Su consumo en los últimos 13 meses");
        assertThat(UsageGraph.compact(new BigDecimal("12100"), text)).isEqualTo("12.1k");
        assertThat(UsageGraph.compact(new BigDecimal("9999.6"), text)).isEqualTo("10,000");
    }

    @Test
    void spanishWordsDatesAndChargeLines() {
        BillText text = templates.text(Language.ES);
        assertThat(text.date(java.time.LocalDate.of(2025, 3, 4))).isEqualTo("4 de marzo de 2025");
        assertThat(text.shortDate(java.time.LocalDate.of(2025, 9, 10))).isEqualTo("10 sep 2025");
        assertThat(text.money(Money.of("1234.5"))).isEqualTo("$1,234.50");
        assertThat(text.money(Money.of("-12"))).isEqualTo("-$12.00");
        assertThat(text.unitPrice(new BigDecimal("0.098500"))).isEqualTo("$0.0985");
        assertThat(text.percent(new BigDecimal("0.065000"))).isEqualTo("6.5%");
        ChargeWording wording = ChargeWording.of(Language.ES);
        assertThat(wording.translate("Energy (Winter), first 500 kWh, 15 of 31 days")).isEqualTo("Energía (invierno), primeros 500 kWh, 15 de 31 días");
        assertThat(wording.translate("Demand over 10 kW")).isEqualTo("Demanda superior a 10 kW");
        assertThat(wording.translate("Energy (Summer on-peak)")).isEqualTo("Energía (horas pico de verano)");
        assertThat(wording.translate("Frobnication surcharge")).isEqualTo("Frobnication surcharge");
        assertThat(ChargeWording.of(Language.EN).translate("Energy (Winter)")).isEqualTo("Energy (Winter)");

        BillText english = templates.text(Language.EN);
        assertThat(english.date(java.time.LocalDate.of(2025, 3, 4))).isEqualTo("March 4, 2025");
        assertThat(english.shortDate(java.time.LocalDate.of(2025, 3, 4))).isEqualTo("Mar 4, 2025");
    }
}
