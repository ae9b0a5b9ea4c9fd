package coop.switchboard.billing.document;

import coop.switchboard.TestCustomers;
import coop.switchboard.billing.BillDocumentService;
import coop.switchboard.billing.BillRunService;
import coop.switchboard.billing.BillRunView;
import coop.switchboard.billing.BillService;
import coop.switchboard.billing.BillView;
import coop.switchboard.shared.ScanLine;
import coop.switchboard.members.AccountView.BillDelivery;
import coop.switchboard.members.MemberView.Language;
import coop.switchboard.members.MembershipEnrollment;
import coop.switchboard.metering.ReadService;
import coop.switchboard.rates.TariffService;
import coop.switchboard.search.AccountSearch;
import coop.switchboard.shared.CliCommand;
import coop.switchboard.shared.InvalidInputException;
import coop.switchboard.shared.Money;
import coop.switchboard.shared.NotFoundException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The print vendor's extract of a bill run: every issued paper bill once, none of the paperless or held ones, as CSV
 * and as JSON, and the {@code bill-extract} command that writes it.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {"switchboard.embedded.ephemeral=true"})
class PrintExtractDocumentTests {
    @Autowired BillDocumentService documents;
    @Autowired BillService bills;
    @Autowired BillRunService runs;
    @Autowired ReadService reads;
    @Autowired TariffService tariffs;
    @Autowired MembershipEnrollment enrollment;
    @Autowired JdbcClient jdbc;
    @Autowired AccountSearch search;
    @Autowired List<CliCommand> commands;
    @TempDir Path dir;

    private static BillRunView run;
    private static TestCustomers.Served english;
    private static TestCustomers.Served spanish;
    private static TestCustomers.Served paperless;

    /** One run for the class: two paper bills (one in Spanish, its address with a comma), one paperless, one held. */
    @BeforeEach
    void aRun() throws Exception {
        if (run != null) {
            return;
        }
        DocumentFixtures fixtures = new DocumentFixtures(enrollment, jdbc, search, reads, runs, tariffs);
        fixtures.cycle(73);
        english = fixtures.serve(73, DocumentFixtures.person("Opal", "Whitcombe", Language.EN, BillDelivery.MAIL, null),
                "40 Larch Street", DocumentFixtures.seasonal(100), null);
        spanish = fixtures.serve(73, DocumentFixtures.person("Ana María", "Quiñones", Language.ES, BillDelivery.MAIL, null),
                "9 Birch Court", DocumentFixtures.seasonal(120), null);
        jdbc.sql("update members.member set mail_line2 = 'Unit 4, Rear \"B\"' where id = ?").param(spanish.memberId()).update();
        paperless = fixtures.serve(73, DocumentFixtures.person("Ezra", "Pettibone", Language.EN, BillDelivery.EMAIL, "ezra@example.org"),
                "3 Cedar Way", DocumentFixtures.seasonal(90), null);
        // February's read never came: held for review, so not printed.
        int[] missing = DocumentFixtures.seasonal(100);
        fixtures.serve(73, DocumentFixtures.person("Wren", "Holloway", Language.EN, BillDelivery.MAIL, null), "5 Alder Loop",
                java.util.Arrays.copyOf(missing, 13), null);
        run = fixtures.bill(73, YearMonth.of(2025, 2));
        assertThat(run.issued()).isEqualTo(3);
        assertThat(run.held()).isEqualTo(1);
    }

    private BillView billOf(TestCustomers.Served s) {
        return bills.bill(bills.lastIssued(s.accountId()).orElseThrow().id());
    }

    @Test
    void csvHasOneRowPerIssuedPaperBillWithTheScanLineAndLineCount() {
        StringWriter out = new StringWriter();
        assertThat(documents.printExtract(run.id(), "CSV", out)).isEqualTo(2);
        List<List<String>> rows = csv(out.toString());
        assertThat(rows.getFirst()).containsExactlyElementsOf(PrintExtract.COLUMNS);
        assertThat(rows).hasSize(3);
        assertThat(rows.get(1).get(1)).isEqualTo(english.accountNumber());
        assertThat(rows.get(2).get(1)).isEqualTo(spanish.accountNumber());

        Map<String, String> es = row(rows, 2);
        BillView bill = billOf(spanish);
        assertThat(es).containsEntry("bill_id", Long.toString(bill.id())).containsEntry("name", "Ana María Quiñones")
                .containsEntry("address_line1", "PO Box 12").containsEntry("address_line2", "Unit 4, Rear \"B\"")
                .containsEntry("city", "Cusick").containsEntry("state", "WA").containsEntry("zip", "99119")
                .containsEntry("language", "ES").containsEntry("bill_date", "2025-02-12").containsEntry("due_date", "2025-03-04")
                .containsEntry("period_from", "2025-01-10").containsEntry("period_to", "2025-02-10")
                .containsEntry("previous_balance", "0.00").containsEntry("total_due", bill.totalDue().toString())
                .containsEntry("current_charges", bill.currentCharges().toString())
                .containsEntry("line_count", Integer.toString(bill.segments().getFirst().lines().size()));
        ScanLine.Parsed scan = ScanLine.parse(es.get("scan_line"));
        assertThat(scan.accountNumber()).isEqualTo(spanish.accountNumber());
        assertThat(scan.amountDue()).isEqualTo(bill.totalDue());
        assertThat(out.toString()).doesNotContain(paperless.accountNumber(), "Holloway");
    }

    @Test
    void jsonCarriesTheLinesOfEachBill() {
        StringWriter out = new StringWriter();
        assertThat(documents.printExtract(run.id(), "json", out)).isEqualTo(2);
        JsonNode root = JsonMapper.builder().build().readTree(out.toString());
        assertThat(root.get("run").asLong()).isEqualTo(run.id());
        assertThat(root.get("count").asInt()).isEqualTo(2);
        JsonNode first = root.get("bills").get(0);
        BillView bill = billOf(english);
        assertThat(first.get("accountNumber").asString()).isEqualTo(english.accountNumber());
        assertThat(first.get("language").asString()).isEqualTo("EN");
        assertThat(first.get("totalDue").decimalValue()).isEqualByComparingTo(bill.totalDue().amount());
        assertThat(first.get("scanLine").asString()).isEqualTo(ScanLine.of(english.accountNumber(), bill.totalDue()));
        JsonNode lines = first.get("lines");
        assertThat(lines.size()).isEqualTo(bill.segments().getFirst().lines().size()).isEqualTo(first.get("lineCount").asInt());
        Money sum = Money.ZERO;
        for (JsonNode line : lines) {
            sum = sum.plus(new Money(line.get("amount").decimalValue()));
        }
        assertThat(sum).isEqualTo(bill.currentCharges());
        assertThat(lines.get(0).get("description").asString()).isEqualTo("Customer charge");
        assertThat(lines.get(0).get("service").asString()).isEqualTo("ELECTRIC");
    }

    @Test
    void anUnknownFormatOrRunIsRefused() {
        assertThatThrownBy(() -> documents.printExtract(run.id(), "xml", new StringWriter()))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.byField()).containsKey("format"));
        assertThatThrownBy(() -> documents.printExtract(Long.MAX_VALUE, "csv", new StringWriter())).isInstanceOf(NotFoundException.class);
    }

    @Test
    void theCommandWritesTheFileAndEndsWithOneLineOfJson() throws Exception {
        CliCommand command = commands.stream().filter(c -> c.name().equals("bill-extract")).findFirst().orElseThrow();
        Path file = dir.resolve("run.json");
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        int status = command.run(List.of("--run", Long.toString(run.id()), "--format", "json", "--out", file.toString()),
                new PrintStream(printed, true, StandardCharsets.UTF_8));
        assertThat(status).isZero();
        assertThat(JsonMapper.builder().build().readTree(Files.readString(file)).get("count").asInt()).isEqualTo(2);
        assertThat(Files.exists(dir.resolve("run.json.part"))).isFalse();
        String[] lines = printed.toString(StandardCharsets.UTF_8).strip().split("\n");
        JsonNode summary = JsonMapper.builder().build().readTree(lines[lines.length - 1]);
        assertThat(summary.get("command").asString()).isEqualTo("bill-extract");
        assertThat(summary.get("bills").asInt()).isEqualTo(2);
        assertThat(summary.get("format").asString()).isEqualTo("json");

        Path csv = dir.resolve("run.csv");
        assertThat(command.run(List.of("--out", csv.toString(), "--run", Long.toString(run.id())), new PrintStream(new ByteArrayOutputStream())))
                .isZero();
        assertThat(Files.readAllLines(csv)).hasSize(3).first().asString().startsWith("bill_id,account_number,");
    }

    @Test
    void theCommandNamesTheBadOption() {
        CliCommand command = commands.stream().filter(c -> c.name().equals("bill-extract")).findFirst().orElseThrow();
        PrintStream out = new PrintStream(new ByteArrayOutputStream());
        String f = dir.resolve("x.csv").toString();
        assertThatThrownBy(() -> command.run(List.of("--run", "seven", "--out", f), out)).hasMessageContaining("--run 'seven'");
        assertThatThrownBy(() -> command.run(List.of("--run", "1", "--format", "xml", "--out", f), out)).hasMessageContaining("--format 'xml'");
        assertThatThrownBy(() -> command.run(List.of("--run", "1"), out)).hasMessageContaining("--out is required");
        assertThatThrownBy(() -> command.run(List.of("--out", f), out)).hasMessageContaining("--run is required");
        assertThatThrownBy(() -> command.run(List.of("--run", "1", "--pages", "2", "--out", f), out)).hasMessageContaining("unknown option '--pages'");
        assertThatThrownBy(() -> command.run(List.of("--run", "1", "--out"), out)).hasMessageContaining("--out needs a value");
        assertThatThrownBy(() -> command.run(List.of("--run", "1", "--out", dir.resolve("no/such/dir/x.csv").toString()), out))
                .hasMessageContaining("no such directory");
    }

    /** RFC 4180 as the vendor would read it: quoted fields may hold commas and doubled quotes. */
    static List<List<String>> csv(String text) {
        List<List<String>> rows = new ArrayList<>();
        for (String line : text.split("\r\n")) {
            List<String> fields = new ArrayList<>();
            StringBuilder field = new StringBuilder();
            boolean quoted = false;
            for (int i = 0; i < line.length(); i++) {
                char c = line.charAt(i);
                if (quoted) {
                    if (c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                        field.append('"');
                        i++;
                    } else if (c == '"') {
                        quoted = false;
                    } else {
                        field.append(c);
                    }
                } else if (c == '"') {
                    quoted = true;
                } else if (c == ',') {
                    fields.add(field.toString());
                    field.setLength(0);
                } else {
                    field.append(c);
                }
            }
            fields.add(field.toString());
            rows.add(fields);
        }
        return rows;
    }

    private static Map<String, String> row(List<List<String>> rows, int n) {
        Map<String, String> map = new java.util.LinkedHashMap<>();
        for (int i = 0; i < rows.getFirst().size(); i++) {
            map.put(rows.getFirst().get(i), rows.get(n).get(i));
        }
        return map;
    }
}
