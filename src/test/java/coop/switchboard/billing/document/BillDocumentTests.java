package coop.switchboard.billing.document;

import coop.switchboard.TestCustomers;
import coop.switchboard.billing.BillDocumentService;
import coop.switchboard.billing.BillRunService;
import coop.switchboard.billing.BillService;
import coop.switchboard.billing.BillView;
import coop.switchboard.shared.ScanLine;
import coop.switchboard.members.AccountView.BillDelivery;
import coop.switchboard.members.MemberView.Language;
import coop.switchboard.members.MembershipEnrollment;
import coop.switchboard.metering.ReadService;
import coop.switchboard.rates.TariffService;
import coop.switchboard.search.AccountSearch;
import coop.switchboard.shared.InvalidInputException;
import coop.switchboard.shared.NotFoundException;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.YearMonth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Bill documents rendered from real bill runs: the PDF a member reads carries the account, every charge, the total,
 * the due date and the scan line, in English or Spanish, with the messages the account's history calls for. The PDFs
 * are also written to {@code target/bill-documents/} for a person to look at.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {"switchboard.embedded.ephemeral=true"})
class BillDocumentTests {
    @Autowired BillDocumentService documents;
    @Autowired BillService bills;
    @Autowired BillRunService runs;
    @Autowired ReadService reads;
    @Autowired TariffService tariffs;
    @Autowired MembershipEnrollment enrollment;
    @Autowired JdbcClient jdbc;
    @Autowired AccountSearch search;
    DocumentFixtures fixtures;

    private static final YearMonth FEB = YearMonth.of(2025, 2);
    private static final YearMonth MAR = YearMonth.of(2025, 3);

    @BeforeEach
    void fixtures() throws Exception {
        fixtures = new DocumentFixtures(enrollment, jdbc, search, reads, runs, tariffs);
    }

    static String text(byte[] pdf) throws Exception {
        try (PDDocument doc = Loader.loadPDF(pdf)) {
            // Lines a cell wraps read as one: what a person sees, not where the renderer broke them.
            return new PDFTextStripper().getText(doc).replaceAll("\\s+", " ");
        }
    }

    static int pages(byte[] pdf) throws Exception {
        try (PDDocument doc = Loader.loadPDF(pdf)) {
            return doc.getNumberOfPages();
        }
    }

    private static void keep(String name, byte[] pdf) throws Exception {
        Path dir = Path.of("target", "bill-documents");
        Files.createDirectories(dir);
        Files.write(dir.resolve(name), pdf);
    }

    @Test
    void theEnglishBillShowsTheAccountEveryChargeTheTotalTheDueDateAndTheScanLine() throws Exception {
        fixtures.cycle(71);
        TestCustomers.Served member = fixtures.serve(71, DocumentFixtures.person("Hollis", "Brannigan", Language.EN, BillDelivery.MAIL, null),
                "18 Tamarack Lane", DocumentFixtures.seasonal(100), null);
        documents.addMessage("Annual meeting April 26 at the Calder Grange. Bring this bill to register.",
                "Asamblea anual el 26 de abril en el Calder Grange. Traiga esta factura para registrarse.",
                LocalDate.of(2025, 3, 1), LocalDate.of(2025, 4, 1), 71);
        fixtures.bill(71, FEB);
        fixtures.bill(71, MAR);
        BillView bill = bills.bill(bills.lastIssued(member.accountId()).orElseThrow().id());
        assertThat(bill.previousBalance().signum()).isPositive();

        byte[] pdf = documents.pdf(bill.id());
        keep("bill-en.pdf", pdf);
        assertThat(pages(pdf)).isEqualTo(1);
        String text = text(pdf);
        assertThat(text).contains(member.accountNumber(), "Hollis Brannigan", "PO Box 12", "18 Tamarack Lane", "Cedar Valley Electric Cooperative",
                "PO Box 1190");
        for (BillView.Line line : bill.segments().getFirst().lines()) {
            assertThat(text).contains(line.description());
            assertThat(text).contains("$" + String.format("%,.2f", line.amount().amount()));
        }
        assertThat(text).contains("Total amount due", "$" + String.format("%,.2f", bill.totalDue().amount()));
        assertThat(text).contains("Due by", englishDate(bill.dueDate()));
        assertThat(text).contains(ScanLine.of(member.accountNumber(), bill.totalDue()));
        assertThat(text).contains("Your previous balance of $" + String.format("%,.2f", bill.previousBalance().amount()) + " is past due");
        assertThat(text).contains("Annual meeting April 26");
        assertThat(text).contains("930 kWh", "Your usage, last 13 months", "Mar 10, 2025");
        assertThat(text).doesNotContain("includes an estimated read");

        String html = documents.html(bill.id());
        Files.writeString(Path.of("target", "bill-documents", "bill-en.html"), html);
        assertThat(html).startsWith("<!DOCTYPE html>").contains("<html", "lang=\"en\"", member.accountNumber(),
                ScanLine.of(member.accountNumber(), bill.totalDue()));
        assertThat(html).doesNotContain("th:text", "th:if", "xmlns:th");
    }

    private static String englishDate(LocalDate d) {
        return d.getMonth().getDisplayName(java.time.format.TextStyle.FULL, java.util.Locale.US) + " " + d.getDayOfMonth() + ", " + d.getYear();
    }

    @Test
    void aSpanishSpeakingMemberGetsTheBillInSpanishWithItsAccentsIntact() throws Exception {
        fixtures.cycle(72);
        TestCustomers.Served member = fixtures.serve(72, DocumentFixtures.person("Jesús", "Peña Ibáñez", Language.ES, BillDelivery.MAIL, null),
                "7 Calle Cañón", DocumentFixtures.seasonal(80), FEB);
        fixtures.bill(72, FEB);
        BillView bill = bills.bill(bills.lastIssued(member.accountId()).orElseThrow().id());
        assertThat(bill.segments().getFirst().estimated()).isTrue();

        byte[] pdf = documents.pdf(bill.id());
        keep("bill-es.pdf", pdf);
        String text = text(pdf);
        assertThat(text).contains("Fecha de vencimiento", "Total a pagar", "Número de cuenta", "Jesús Peña Ibáñez", "7 Calle Cañón");
        assertThat(text).contains("Esta factura incluye una lectura estimada", "Período de servicio", "Energía", "Cargo por servicio",
                "Impuesto estatal sobre las ventas");
        assertThat(text).contains("4 de marzo de 2025", "12 de febrero de 2025", "10 feb 2025");
        assertThat(text).contains(ScanLine.of(member.accountNumber(), bill.totalDue()));
        assertThat(text).doesNotContain("Total amount due", "Due by", "Customer charge");
        assertThat(documents.html(bill.id())).contains("lang=\"es\"", "Desprenda esta parte");
    }

    @Test
    void withoutAMailServerPaperlessBillsAreRecordedAsNotSent() {
        fixtures.cycle(75);
        TestCustomers.Served member = fixtures.serve(75, DocumentFixtures.person("Dorian", "Kettleby", Language.EN, BillDelivery.EMAIL,
                "dorian.kettleby@example.org"), "2 Hemlock Bend", DocumentFixtures.seasonal(100), null);
        long run = fixtures.bill(75, FEB).id();
        assertThat(documents.emailRun(run)).isEqualTo(new BillDocumentService.EmailRun(run, 0, 0, 1, 0));
        BillView bill = bills.lastIssued(member.accountId()).orElseThrow();
        assertThat(jdbc.sql("select status || ' ' || address || ' ' || error from billing.bill_delivery where bill_id = ?").param(bill.id())
                .query(String.class).list()).containsExactly("SKIPPED dorian.kettleby@example.org no mail server configured");
    }

    @Test
    void generalMessagesNeedTwoLanguagesAndADateRange() {
        assertThatThrownBy(() -> documents.addMessage("Office closed July 4", " ", LocalDate.of(2025, 7, 1), LocalDate.of(2025, 6, 1), 79_999))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.byField()).containsOnlyKeys("textEs", "to", "cycle"));
    }

    @Test
    void anUnknownBillIsNotFound() {
        assertThatThrownBy(() -> documents.pdf(Long.MAX_VALUE)).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> documents.writePdf(Long.MAX_VALUE, new ByteArrayOutputStream())).isInstanceOf(NotFoundException.class);
    }
}
