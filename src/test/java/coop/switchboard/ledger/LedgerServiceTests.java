package coop.switchboard.ledger;

import coop.switchboard.shared.InvalidInputException;
import coop.switchboard.shared.Money;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

import java.io.StringWriter;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {"switchboard.embedded.ephemeral=true"})
class LedgerServiceTests {
    @Autowired LedgerService ledger;
    @Autowired JournalService journal;
    @Autowired TransactionTemplate tx;
    @Autowired JdbcClient jdbc;

    private final long account = 900_000_000L + ThreadLocalRandom.current().nextInt(1_000_000);
    // Days no other test posts on (the journal export below is a whole day's, every account's): bill runs in other
    // tests post on their bill dates in 2025 and 2026.
    private final LocalDate day = LocalDate.of(2041, 1, 1).plusDays(ThreadLocalRandom.current().nextInt(3000));

    @Test
    void chargesPaymentsAndReversalsMakeTheBalanceAndEveryDayBalances() {
        long charge = tx.execute(s -> ledger.post(NewEntry.charge(account, day, EntryKind.CHARGE, Money.of("120.50"), "ELECTRIC", "usage",
                GlAccounts.revenue("ELECTRIC", "RS"), "BILL", 1, "Electric RS usage", day.plusDays(20))));
        tx.execute(s -> ledger.post(NewEntry.charge(account, day, EntryKind.CHARGE, Money.of("7.83"), "ELECTRIC", "tax",
                GlAccounts.TAXES_PAYABLE, "BILL", 1, "Electric RS tax", day.plusDays(20))));
        tx.execute(s -> ledger.post(new NewEntry(account, day.plusDays(3), EntryKind.PAYMENT, Money.of("-100.00"), null, null,
                GlAccounts.CASH, GlAccounts.RECEIVABLE, "PAYMENT", 7, "Check 1042", null)));
        tx.execute(s -> ledger.post(NewEntry.charge(account, day.plusDays(4), EntryKind.ADJUSTMENT, Money.of("-5.00"), "ELECTRIC", "courtesy",
                GlAccounts.OTHER_REVENUE, "ADJUSTMENT", 3, "Courtesy credit", null)));
        assertThat(ledger.balance(account)).isEqualTo(Money.of("23.33"));
        long reversal = tx.execute(s -> ledger.reverse(charge, day.plusDays(5), "billed on the wrong rate"));
        assertThat(ledger.balance(account)).isEqualTo(Money.of("-97.17"));
        assertThat(ledger.entry(reversal).debitAccount()).isEqualTo(GlAccounts.revenue("ELECTRIC", "RS"));

        List<EntryView> entries = ledger.entries(account, 10);
        assertThat(entries.getFirst().balanceAfter()).isEqualTo(Money.of("-97.17"));
        assertThat(entries.getLast().balanceAfter()).isEqualTo(Money.of("120.50"));
        assertThat(entries.stream().map(EntryView::amount).reduce(Money.ZERO, Money::plus)).isEqualTo(ledger.balance(account));
        assertThat(journal.unbalancedDays(day, day.plusDays(5))).isEmpty();

        StringWriter csv = new StringWriter();
        journal.exportCsv(day, day, csv);
        assertThat(csv.toString()).startsWith("date,gl_account,debit,credit,entries\n").contains(day + ",142,128.33,")
                .contains(day + ",241,0.00,7.83,");

        assertThatThrownBy(() -> tx.execute(s -> ledger.reverse(charge, day.plusDays(6), "again")))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.byField()).containsKey("entryId"));
        assertThatThrownBy(() -> jdbc.sql("update ledger.entry set amount = 1 where id = ?").param(charge).update())
                .hasMessageContaining("insert-only");
    }

    @Test
    void manyEntriesAreCopiedInWithTheSameResultAsOneByOne() {
        List<NewEntry> many = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            many.add(NewEntry.charge(account + 1, day, EntryKind.CHARGE, Money.ofCents(1000 + i), "WATER", "usage",
                    GlAccounts.revenue("WATER", "W"), "BILL", 10_000 + i, "Water W usage, line " + i + " \"quoted\"\ttabbed", day.plusDays(20)));
        }
        tx.executeWithoutResult(s -> ledger.postAll(many));
        assertThat(ledger.balance(account + 1)).isEqualTo(Money.ofCents(200 * 1000 + 199 * 200 / 2));
        assertThat(ledger.fromSource(account + 1, "BILL", 10_005).getFirst().description()).isEqualTo("Water W usage, line 5 \"quoted\"\ttabbed");
        assertThat(journal.unbalancedDays(day, day)).isEmpty();
        assertThat(ledger.aging(account + 1, day.plusDays(45)).days30()).isEqualTo(ledger.balance(account + 1));
    }

    @Test
    void anEntryWithoutItsAccountsOrDescriptionIsRefusedByField() {
        assertThatThrownBy(() -> tx.execute(s -> ledger.post(new NewEntry(account, day, EntryKind.FEE, Money.of("5.00"), null, null,
                GlAccounts.RECEIVABLE, GlAccounts.RECEIVABLE, "FEE", 1, " ", null))))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.byField()).containsKeys("creditAccount", "description"));
        assertThat(ledger.balance(account)).isEqualTo(Money.ZERO);
    }
}
