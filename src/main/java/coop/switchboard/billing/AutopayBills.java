package coop.switchboard.billing;

import coop.switchboard.payments.BillsDue;
import coop.switchboard.shared.Money;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.time.LocalDate;
import java.util.Collection;
import java.util.List;

/** Tells payments which issued bills fall due on a day, so autopay drafts them for the amount each bill asks. */
@Component
class AutopayBills implements BillsDue {
    private final JdbcClient jdbc;

    AutopayBills(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public List<Due> dueOn(LocalDate day, Collection<Long> accountIds) {
        if (accountIds.isEmpty()) {
            return List.of();
        }
        return jdbc.sql("""
                        select b.id, b.account_id, b.bill_date, b.due_date, coalesce(b.amount_due, b.total_due)
                          from billing.bill b
                         where b.due_date = ? and b.status = 'ISSUED' and b.account_id = any(?)
                           and not exists (select 1 from billing.bill c where c.corrects_bill_id = b.id)
                         order by b.account_id, b.id""")
                .params(day, accountIds.toArray(Long[]::new))
                .query((rs, n) -> new Due(rs.getLong(1), rs.getLong(2), rs.getObject(3, LocalDate.class), rs.getObject(4, LocalDate.class),
                        new Money(rs.getBigDecimal(5))))
                .list();
    }
}
