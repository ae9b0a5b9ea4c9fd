package coop.switchboard.billing;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.time.Clock;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;
import java.util.Optional;

/**
 * Final bills when service stops: the agreement is billed from where its last bill ended to its end date, on the
 * final read of that day, outside any bill run. Billing an agreement's end twice does nothing the second time.
 */
@Service
public class FinalBillService {
    private final ChunkBiller biller;
    private final BillingPolicy policy;
    private final JdbcClient jdbc;
    private final Clock clock;

    FinalBillService(ChunkBiller biller, BillingPolicy policy, JdbcClient jdbc, Clock clock) {
        this.biller = biller;
        this.policy = policy;
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** Bills the agreement through {@code endDate}; returns the final bill's id, or empty when it was billed already. */
    @Transactional
    public Optional<Long> finalBill(long agreementId, LocalDate endDate) {
        // One final bill at a time per agreement: the stop and a transfer's balance move both ask for it.
        jdbc.sql("select pg_advisory_xact_lock(hashtext('billing.final'), ?)").param((int) (agreementId % Integer.MAX_VALUE)).query().listOfRows();
        LocalDate today = LocalDate.now(clock);
        LocalDate billDate = endDate.isAfter(today) ? endDate : today;
        ChunkBiller.Run run = new ChunkBiller.Run(null, 0, YearMonth.from(endDate), endDate, endDate, endDate, null, billDate,
                billDate.plusDays(policy.dueDays), true);
        ChunkBiller.Outcome outcome = biller.billAgreements(run, List.of(agreementId));
        if (outcome.issued() + outcome.held() == 0) {
            return Optional.empty();
        }
        return jdbc.sql("""
                        select b.id from billing.bill b join billing.bill_segment s on s.bill_id = b.id
                         where s.agreement_id = ? and s.period_to = ? and s.status = 'ACTIVE' order by b.id desc limit 1""")
                .params(agreementId, endDate).query(Long.class).optional();
    }
}
