package coop.switchboard.demo;

import coop.switchboard.payments.AchService;
import coop.switchboard.payments.BatchKind;
import coop.switchboard.payments.BatchPosting;
import coop.switchboard.payments.Tender;
import coop.switchboard.payments.ach.AbaRouting;
import coop.switchboard.payments.ach.AccountType;
import coop.switchboard.shared.Money;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The demo cooperative's payment habits: about one account in nine pays by ACH autopay (in every cycle, so upcoming
 * due dates have drafts), and after each bill run most members pay their bills before the due date, by web, mailed
 * check, phone or agency; some pay part, some nothing, so collections has work.
 */
@Component
class DemoPayments {
    /** Routing numbers of large US banks (all pass the ABA check digit). */
    private static final List<String> BANKS = List.of("021000021", "011000015", "231380104", "122105155", "091000019", "026009593",
            "121000248", "111000025");
    private final AchService ach;
    private final BatchPosting batches;
    private final JdbcClient jdbc;
    private final Clock clock;

    DemoPayments(AchService ach, BatchPosting batches, JdbcClient jdbc, Clock clock) {
        this.ach = ach;
        this.batches = batches;
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** Enrolls one active account in nine in autopay; returns how many. */
    int enrollAutopay() {
        List<String> banks = BANKS.stream().filter(AbaRouting::valid).toList();
        record Holder(long accountId, String name, boolean business) {
        }
        List<Holder> holders = jdbc.sql("""
                        select a.id, coalesce(nullif(trim(coalesce(m.first_name, '') || ' ' || coalesce(m.last_name, '')), ''), m.business_name, 'Member'),
                               m.member_type <> 'PERSON'
                          from members.account a join members.member m on m.id = a.member_id
                         where a.status = 'ACTIVE' and a.id % 9 = 4 order by a.id""")
                .query((rs, n) -> new Holder(rs.getLong(1), rs.getString(2), rs.getBoolean(3))).list();
        for (Holder h : holders) {
            String bank = banks.get((int) (h.accountId() % banks.size()));
            String number = Long.toString(1_000_000_000L + h.accountId() * 7919 % 8_999_999_999L);
            ach.enroll(h.accountId(), h.name(), bank, number, h.accountId() % 5 == 0 ? AccountType.SAVINGS : AccountType.CHECKING, h.business(), false);
        }
        return holders.size();
    }

    /** Pays the bills of a bill run the way the demo's members do; returns how many payments. */
    int payBills(long runId) {
        LocalDate today = LocalDate.now(clock);
        Set<Long> autopay = Set.copyOf(jdbc.sql("select account_id from payments.ach_enrollment where status = 'ACTIVE'").query(Long.class).list());
        List<BatchPosting.Item> items = new ArrayList<>();
        jdbc.sql("""
                        select id, account_id, due_date, coalesce(amount_due, total_due) from billing.bill
                         where run_id = ? and status = 'ISSUED' and coalesce(amount_due, total_due) > 0 order by id""")
                .param(runId)
                .query(rs -> {
                    long bill = rs.getLong(1);
                    long account = rs.getLong(2);
                    LocalDate due = rs.getObject(3, LocalDate.class);
                    Money owed = new Money(rs.getBigDecimal(4));
                    int habit = (int) (bill * 2654435761L % 100 + 100) % 100;
                    LocalDate paid = due.minusDays(bill % 12);
                    if (paid.isAfter(today) || habit >= 88) {
                        return;
                    }
                    Money amount = habit >= 80 ? Money.rounded(owed.amount().divide(java.math.BigDecimal.TWO)) : owed;
                    Tender tender = autopay.contains(account) ? Tender.ACH : switch (habit % 10) {
                        case 0, 1, 2, 3 -> Tender.WEB;
                        case 4, 5, 6 -> Tender.CHECK;
                        case 7, 8 -> Tender.IVR;
                        default -> Tender.AGENCY;
                    };
                    if (amount.signum() > 0) {
                        items.add(new BatchPosting.Item("demo:bill:" + bill, account, amount, tender, "bill " + bill,
                                tender == Tender.CHECK ? Long.toString(1000 + bill % 9000) : null, null, paid));
                    }
                });
        if (!items.isEmpty()) {
            batches.postHistory(BatchKind.OTHER, "Demo payments for bill run " + runId, items);
        }
        return items.size();
    }
}
