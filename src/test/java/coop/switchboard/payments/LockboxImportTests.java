package coop.switchboard.payments;

import coop.switchboard.TestCustomers;
import coop.switchboard.ledger.JournalService;
import coop.switchboard.ledger.LedgerService;
import coop.switchboard.members.AccountView;
import coop.switchboard.members.MembershipEnrollment;
import coop.switchboard.payments.lockbox.LockboxFile;
import coop.switchboard.payments.lockbox.LockboxWriter;
import coop.switchboard.shared.InvalidInputException;
import coop.switchboard.shared.Money;
import coop.switchboard.shared.ScanLine;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.context.SecurityContextHolder;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Lockbox files: matching by scan line and account number, suspense, control totals, duplicates and a crash midway. */
@SpringBootTest(properties = {"switchboard.embedded.ephemeral=true", "switchboard.payments.largest-payment=250000.00"})
class LockboxImportTests {
    @Autowired LockboxImport lockbox;
    @Autowired PaymentService payments;
    @Autowired LedgerService ledger;
    @Autowired JournalService journal;
    @Autowired MembershipEnrollment enrollment;
    @Autowired JdbcClient jdbc;
    @Autowired Clock clock;
    LocalDate today;

    @BeforeEach
    void signIn() {
        PaymentServiceTests.signIn("lockbox-clerk", "BILLING");
        today = LocalDate.now(clock);
    }

    @AfterEach
    void signOut() {
        SecurityContextHolder.clearContext();
    }

    private AccountView account() {
        return enrollment.enroll(TestCustomers.person("Lee", "Box" + TestCustomers.uniqueDigits(4), "5095550131", null));
    }

    private LockboxFile.Item item(int line, String reference, String amount, String check) {
        return new LockboxFile.Item(line, reference, new BigDecimal(amount), check, "Remitter " + line, null, null, today, null, null);
    }

    private int count(String sql, Object... params) {
        return jdbc.sql(sql).params(params).query(Integer.class).single();
    }

    @Test
    void itemsMatchByScanLineOrAccountNumberAndTheRestWaitInSuspense() {
        AccountView a = account();
        AccountView b = account();
        String scan = ScanLine.of(a.accountNumber(), Money.of("84.10")).replace(" ", "");
        String misread = scan.substring(0, 19) + (char) ('0' + (scan.charAt(19) - '0' + 1) % 10);
        String csv = LockboxWriter.writeCsv(List.of(item(2, scan, "84.10", "501"), item(3, b.accountNumber(), "20.00", "502"),
                item(4, "9999999999", "15.00", "503"), item(5, misread, "7.00", "504"), item(6, null, "3.00", "505")));
        LockboxImport.Result r = lockbox.importFile("remit-" + TestCustomers.uniqueDigits(6) + ".csv", csv.getBytes(StandardCharsets.UTF_8));
        assertThat(r.file().rejected()).as(r.file().reason()).isFalse();
        assertThat(r.file().posted()).isEqualTo(2);
        assertThat(r.file().postedTotal()).isEqualTo(Money.of("104.10"));
        assertThat(r.file().suspense()).isEqualTo(3);
        assertThat(ledger.balance(a.id())).isEqualTo(Money.of("-84.10"));
        assertThat(ledger.balance(b.id())).isEqualTo(Money.of("-20.00"));
        List<LockboxImport.SuspenseView> waiting = lockbox.suspenseOf(r.file().id());
        assertThat(waiting).extracting(LockboxImport.SuspenseView::reason).anySatisfy(s -> assertThat(s).contains("no account 9999999999"))
                .anySatisfy(s -> assertThat(s).contains("misread")).anySatisfy(s -> assertThat(s).contains("no scan line"));

        // A CSR finds the account and applies the item; it cannot be applied twice.
        LockboxImport.SuspenseView unknown = waiting.stream().filter(s -> s.reason().contains("9999999999")).findFirst().orElseThrow();
        ReceiptView applied = lockbox.apply(unknown.id(), b.id(), "member wrote an old account number");
        assertThat(applied.batchId()).isEqualTo(r.file().batchId());
        assertThat(ledger.balance(b.id())).isEqualTo(Money.of("-35.00"));
        assertThatThrownBy(() -> lockbox.apply(unknown.id(), b.id(), "again")).isInstanceOf(InvalidInputException.class);
        LockboxImport.SuspenseView noRef = waiting.stream().filter(s -> s.reason().contains("no scan line")).findFirst().orElseThrow();
        assertThat(lockbox.returnToSender(noRef.id(), "returned to the remitter, no account").status()).isEqualTo("RETURNED");
        assertThat(journal.unbalancedDays(today, today)).isEmpty();
    }

    @Test
    void theSameFileTwicePostsNothingTheSecondTime() {
        AccountView a = account();
        byte[] file = LockboxWriter.write(today, List.of(item(0, a.accountNumber(), "61.00", "7001"))).getBytes(StandardCharsets.UTF_8);
        LockboxImport.Result first = lockbox.importFile("lbx-1.txt", file);
        assertThat(first.file().posted()).isEqualTo(1);
        LockboxImport.Result second = lockbox.importFile("lbx-1-again.txt", file);
        assertThat(second.duplicate()).isTrue();
        assertThat(second.duplicateOf().id()).isEqualTo(first.file().id());
        assertThat(ledger.balance(a.id())).isEqualTo(Money.of("-61.00"));
    }

    @Test
    void aFileFailingItsControlTotalIsRejectedWholeWithTheLineAndReason() {
        AccountView a = account();
        String csv = LockboxWriter.writeCsv(List.of(item(2, a.accountNumber(), "10.00", "1"), item(3, a.accountNumber(), "11.00", "2")));
        String broken = csv.replace("TOTAL,2,21.00", "TOTAL,2,25.00");
        assertThat(broken).isNotEqualTo(csv);
        LockboxImport.Result r = lockbox.importFile("broken.csv", broken.getBytes(StandardCharsets.UTF_8));
        assertThat(r.file().rejected()).isTrue();
        assertThat(r.file().reason()).contains("line 4");
        assertThat(ledger.balance(a.id())).isEqualTo(Money.ZERO);
        assertThat(lockbox.recent(5)).extracting(LockboxImport.FileView::id).contains(r.file().id());
    }

    @Test
    void aCrashInTheMiddleOfAnImportLeavesNothingPostedAndTheFileImportsCleanlyAfter() {
        List<LockboxFile.Item> items = new ArrayList<>();
        List<AccountView> accounts = new ArrayList<>();
        for (int i = 0; i < 120; i++) {
            AccountView a = account();
            accounts.add(a);
            items.add(item(0, a.accountNumber(), (i + 1) + ".25", Integer.toString(9000 + i)));
        }
        byte[] file = LockboxWriter.write(today, items).getBytes(StandardCharsets.UTF_8);
        int receiptsBefore = count("select count(*) from payments.receipt");
        lockbox.midwayHook(() -> {
            throw new IllegalStateException("power cut");
        });
        try {
            assertThatThrownBy(() -> lockbox.importFile("crash.txt", file)).hasMessageContaining("power cut");
        } finally {
            lockbox.midwayHook(null);
        }
        assertThat(count("select count(*) from payments.receipt")).isEqualTo(receiptsBefore);
        assertThat(ledger.balance(accounts.getFirst().id())).isEqualTo(Money.ZERO);
        assertThat(count("select count(*) from payments.lockbox_file where file_name = 'crash.txt'")).isZero();

        LockboxImport.Result r = lockbox.importFile("crash.txt", file);
        assertThat(r.file().posted()).isEqualTo(120);
        assertThat(r.file().postedTotal()).isEqualTo(r.file().total());
        assertThat(ledger.balance(accounts.get(119).id())).isEqualTo(Money.of("-120.25"));
    }

    @Test
    void theBanksRealLockboxAndBai2FilesImportAndTheirUnknownRemittersWaitInSuspense() throws Exception {
        for (String name : List.of("fundersclub_test_lockbox.bai", "moov-io-bai2_sample1.txt", "moj-bai2_citi_example.bai2")) {
            byte[] content = Files.readAllBytes(Path.of("..", "shared", "fixtures", "bai2", name));
            LockboxImport.Result r = lockbox.importFile(name, content);
            assertThat(r.file().rejected()).as(name + ": " + r.file().reason()).isFalse();
            assertThat(r.file().postedTotal().plus(r.file().suspenseTotal())).as(name)
                    .isEqualTo(r.file().total());
        }
        LockboxImport.Result bad = lockbox.importFile("moov-io-bai2_sample-parseError.txt",
                Files.readAllBytes(Path.of("..", "shared", "fixtures", "bai2", "moov-io-bai2_sample-parseError.txt")));
        assertThat(bad.file().rejected()).isTrue();
        assertThat(bad.file().reason()).startsWith("line ");
    }

    @Test
    void aCheckForACashOnlyAccountWaitsInSuspense() {
        AccountView a = account();
        jdbc.sql("insert into payments.cash_only (account_id, since, reason, set_by, set_at) values (?, ?, 'test', 'test', now())")
                .params(a.id(), today).update();
        LockboxImport.Result r = lockbox.importFile("cash-only.csv",
                LockboxWriter.writeCsv(List.of(item(2, a.accountNumber(), "40.00", "77"))).getBytes(StandardCharsets.UTF_8));
        assertThat(r.file().suspense()).isEqualTo(1);
        assertThat(lockbox.suspenseOf(r.file().id()).getFirst().reason()).contains("cash-only");
        assertThat(payments.paymentsOf(a.id(), 10)).isEmpty();
    }
}
