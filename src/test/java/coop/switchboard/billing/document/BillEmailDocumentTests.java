package coop.switchboard.billing.document;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import coop.switchboard.TestCustomers;
import coop.switchboard.billing.BillDocumentService;
import coop.switchboard.billing.BillRunService;
import coop.switchboard.billing.BillRunView;
import coop.switchboard.billing.BillService;
import coop.switchboard.billing.BillView;
import coop.switchboard.members.AccountView.BillDelivery;
import coop.switchboard.members.MemberView.Language;
import coop.switchboard.members.MembershipEnrollment;
import coop.switchboard.metering.ReadService;
import coop.switchboard.rates.TariffService;
import coop.switchboard.search.AccountSearch;
import jakarta.mail.BodyPart;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.io.IOException;
import java.io.InputStream;
import java.net.ServerSocket;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * E-mailed bills through a real SMTP server (GreenMail on a free port): each paperless account's bill arrives once,
 * in the member's language with the PDF attached, however often the run is e-mailed; paper accounts get none.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {"switchboard.embedded.ephemeral=true"})
class BillEmailDocumentTests {
    private static final GreenMail SMTP = new GreenMail(new ServerSetup(freePort(), "127.0.0.1", ServerSetup.PROTOCOL_SMTP));

    static {
        SMTP.start();
    }

    @DynamicPropertySource
    static void mailServer(DynamicPropertyRegistry registry) {
        registry.add("spring.mail.host", () -> "127.0.0.1");
        registry.add("spring.mail.port", () -> SMTP.getSmtp().getPort());
        registry.add("switchboard.billing.mail-from", () -> "bills@cedarvalley.coop");
    }

    @AfterAll
    static void stopServer() {
        SMTP.stop();
    }

    private static int freePort() {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Autowired BillDocumentService documents;
    @Autowired BillService bills;
    @Autowired BillRunService runs;
    @Autowired ReadService reads;
    @Autowired TariffService tariffs;
    @Autowired MembershipEnrollment enrollment;
    @Autowired JdbcClient jdbc;
    @Autowired AccountSearch search;

    @Test
    void eachPaperlessBillIsEmailedOnceWithItsPdfInTheMembersLanguage() throws Exception {
        DocumentFixtures fixtures = new DocumentFixtures(enrollment, jdbc, search, reads, runs, tariffs);
        fixtures.cycle(74);
        TestCustomers.Served english = fixtures.serve(74, DocumentFixtures.person("Marguerite", "Ostrander", Language.EN, BillDelivery.EMAIL,
                "marguerite.ostrander@example.org"), "11 Spruce Hollow", DocumentFixtures.seasonal(100), null);
        TestCustomers.Served spanish = fixtures.serve(74, DocumentFixtures.person("Tomás", "Echeverría", Language.ES, BillDelivery.EMAIL,
                "tomas.echeverria@example.org"), "12 Spruce Hollow", DocumentFixtures.seasonal(110), null);
        TestCustomers.Served noAddress = fixtures.serve(74, DocumentFixtures.person("Ines", "Marchetti", Language.EN, BillDelivery.EMAIL,
                "ines.marchetti@example.org"), "13 Spruce Hollow", DocumentFixtures.seasonal(95), null);
        jdbc.sql("delete from members.email where member_id = ?").param(noAddress.memberId()).update();
        TestCustomers.Served paper = fixtures.serve(74, DocumentFixtures.person("Lyle", "Bancroft", Language.EN, BillDelivery.MAIL,
                "lyle.bancroft@example.org"), "14 Spruce Hollow", DocumentFixtures.seasonal(105), null);
        BillRunView run = fixtures.bill(74, YearMonth.of(2025, 2));
        assertThat(run.issued()).isEqualTo(4);

        // With a mail server configured, completing the run e-mails the paperless bills by itself.
        assertThat(SMTP.waitForIncomingEmail(10_000, 2)).isTrue();
        for (int i = 0; i < 100 && deliveries(noAddress).isEmpty(); i++) {
            Thread.sleep(50);
        }
        MimeMessage[] received = SMTP.getReceivedMessages();
        assertThat(received).hasSize(2);

        BillView englishBill = bills.lastIssued(english.accountId()).orElseThrow();
        MimeMessage toEnglish = to(received, "marguerite.ostrander@example.org");
        assertThat(toEnglish.getSubject()).isEqualTo("Cedar Valley Electric Cooperative: your bill for account " + english.accountNumber()
                + ", $" + String.format("%,.2f", englishBill.totalDue().amount()) + " due March 4, 2025");
        assertThat(toEnglish.getFrom()[0].toString()).contains("bills@cedarvalley.coop");
        Map.Entry<String, byte[]> pdf = pdfAttachment(toEnglish);
        assertThat(pdf.getKey()).isEqualTo("bill-" + english.accountNumber() + "-2025-02-12.pdf");
        String text = BillDocumentTests.text(pdf.getValue());
        assertThat(text).contains(english.accountNumber(), "Total amount due", "Marguerite Ostrander");
        assertThat(bodies(toEnglish)).anySatisfy(b -> assertThat(b).contains("Hello Marguerite Ostrander,", "Amount due: $"))
                .anySatisfy(b -> assertThat(b).contains("<p", "March 4, 2025"));

        MimeMessage toSpanish = to(received, "tomas.echeverria@example.org");
        assertThat(toSpanish.getSubject()).startsWith("Cedar Valley Electric Cooperative: su factura de la cuenta " + spanish.accountNumber())
                .endsWith("a pagar antes del 4 de marzo de 2025");
        Map.Entry<String, byte[]> spanishPdf = pdfAttachment(toSpanish);
        assertThat(spanishPdf.getKey()).startsWith("factura-" + spanish.accountNumber());
        assertThat(BillDocumentTests.text(spanishPdf.getValue())).contains("Fecha de vencimiento", "Tomás Echeverría");
        assertThat(bodies(toSpanish)).anySatisfy(b -> assertThat(b).contains("Hola, Tomás Echeverría:", "Total a pagar"));

        assertThat(deliveries(noAddress)).containsExactly("SKIPPED no e-mail address on file");
        assertThat(deliveries(paper)).isEmpty();

        // Again: nothing is sent twice; the member without an address is tried (and skipped) again.
        BillDocumentService.EmailRun second = documents.emailRun(run.id());
        assertThat(second).isEqualTo(new BillDocumentService.EmailRun(run.id(), 0, 0, 1, 2));
        Thread.sleep(300);
        assertThat(SMTP.getReceivedMessages()).hasSize(2);
        assertThat(deliveries(english)).containsExactly("SENT null");
        assertThat(jdbc.sql("select address from billing.bill_delivery where bill_id = ?").param(englishBill.id()).query(String.class).single())
                .isEqualTo("marguerite.ostrander@example.org");
    }

    private List<String> deliveries(TestCustomers.Served s) {
        return jdbc.sql("""
                        select d.status || ' ' || coalesce(d.error, 'null') from billing.bill_delivery d join billing.bill b on b.id = d.bill_id
                         where b.account_id = ? order by d.id""")
                .param(s.accountId()).query(String.class).list().stream().distinct().toList();
    }

    private static MimeMessage to(MimeMessage[] messages, String address) throws Exception {
        for (MimeMessage m : messages) {
            if (Arrays.stream(m.getAllRecipients()).anyMatch(r -> r.toString().equals(address))) {
                return m;
            }
        }
        throw new AssertionError("no message to " + address);
    }

    private static Map.Entry<String, byte[]> pdfAttachment(Part part) throws Exception {
        if (part.isMimeType("multipart/*")) {
            Multipart multipart = (Multipart) part.getContent();
            for (int i = 0; i < multipart.getCount(); i++) {
                Map.Entry<String, byte[]> found = pdfAttachment(multipart.getBodyPart(i));
                if (found != null) {
                    return found;
                }
            }
            return null;
        }
        if (part.isMimeType("application/pdf")) {
            try (InputStream in = part.getInputStream()) {
                byte[] bytes = in.readAllBytes();
                assertThat(new String(bytes, 0, 5)).isEqualTo("%PDF-");
                return Map.entry(part.getFileName(), bytes);
            }
        }
        return null;
    }

    private static List<String> bodies(Part part) throws Exception {
        List<String> texts = new ArrayList<>();
        if (part.isMimeType("multipart/*")) {
            Multipart multipart = (Multipart) part.getContent();
            for (int i = 0; i < multipart.getCount(); i++) {
                BodyPart body = multipart.getBodyPart(i);
                texts.addAll(bodies(body));
            }
        } else if (part.isMimeType("text/*")) {
            texts.add((String) part.getContent());
        }
        return texts;
    }
}
