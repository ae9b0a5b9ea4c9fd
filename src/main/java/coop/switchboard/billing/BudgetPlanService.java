package coop.switchboard.billing;

import coop.switchboard.shared.AuditLog;
import coop.switchboard.shared.InvalidInputException;
import coop.switchboard.shared.Money;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Enrolling accounts in budget billing and ending it; the bills themselves apply the plan (see {@link BudgetBilling}). */
@Service
public class BudgetPlanService {
    private final JdbcClient jdbc;
    private final AuditLog audit;
    private final Clock clock;

    BudgetPlanService(JdbcClient jdbc, AuditLog audit, Clock clock) {
        this.jdbc = jdbc;
        this.audit = audit;
        this.clock = clock;
    }

    /** An account's plan: ROLLING, or FIXED with its amount and true-up month. */
    public record PlanView(long id, long accountId, String method, Money fixedAmount, Integer trueUpMonth, LocalDate startedOn,
                           LocalDate endedOn) {
    }

    public Optional<PlanView> active(long accountId) {
        return jdbc.sql("select * from billing.budget_plan where account_id = ? and ended_on is null").param(accountId)
                .query((rs, n) -> new PlanView(rs.getLong("id"), rs.getLong("account_id"), rs.getString("method"),
                        rs.getBigDecimal("fixed_amount") == null ? null : new Money(rs.getBigDecimal("fixed_amount")),
                        (Integer) rs.getObject("true_up_month"), rs.getObject("started_on", LocalDate.class),
                        rs.getObject("ended_on", LocalDate.class)))
                .optional();
    }

    /** What a fixed plan would ask: the average of the last twelve bills' actual charges, in whole dollars. */
    public Money suggestedAmount(long accountId) {
        BigDecimal avg = jdbc.sql("""
                        select avg(current_charges) from (select current_charges from billing.bill where account_id = ? and status = 'ISSUED'
                         order by id desc limit 12) b""")
                .param(accountId).query(BigDecimal.class).optional().orElse(null);
        return avg == null ? Money.ZERO : new Money(avg.setScale(0, RoundingMode.HALF_UP).setScale(2));
    }

    /** Puts an account on budget billing from the next bill. */
    @Transactional
    public PlanView enroll(long accountId, String method, Money fixedAmount, Integer trueUpMonth) {
        List<InvalidInputException.Violation> errors = new ArrayList<>();
        if (!"ROLLING".equals(method) && !"FIXED".equals(method)) {
            errors.add(new InvalidInputException.Violation("method", "must be ROLLING or FIXED"));
        }
        if ("FIXED".equals(method)) {
            if (fixedAmount == null || fixedAmount.signum() <= 0) {
                errors.add(new InvalidInputException.Violation("fixedAmount", "is required for a fixed plan and must be more than $0"));
            }
            if (trueUpMonth == null || trueUpMonth < 1 || trueUpMonth > 12) {
                errors.add(new InvalidInputException.Violation("trueUpMonth", "must be a month from 1 to 12"));
            }
        }
        if (active(accountId).isPresent()) {
            errors.add(new InvalidInputException.Violation("accountId", "the account is already on budget billing"));
        }
        if (!errors.isEmpty()) {
            throw new InvalidInputException(errors);
        }
        boolean fixed = "FIXED".equals(method);
        long id = jdbc.sql("""
                        insert into billing.budget_plan (account_id, method, fixed_amount, true_up_month, started_on, created_by, created_at)
                        values (?, ?, ?, ?, ?, ?, ?) returning id""")
                .params(accountId, method, fixed ? fixedAmount.amount() : null, fixed ? trueUpMonth : null, LocalDate.now(clock),
                        audit.currentActor(), Timestamp.from(clock.instant()))
                .query(Long.class).single();
        audit.changed("budget_plan", id, accountId, "enrolled", Map.of(), Map.of("method", method,
                "amount", fixed ? fixedAmount.toString() : "rolling", "trueUpMonth", fixed ? trueUpMonth : ""));
        return active(accountId).orElseThrow();
    }

    /** Takes an account off budget billing; the next bill asks for the whole balance. */
    @Transactional
    public void end(long accountId, String reason) {
        PlanView plan = active(accountId).orElseThrow(() -> new InvalidInputException("accountId", "the account is not on budget billing"));
        jdbc.sql("update billing.budget_plan set ended_on = ? where id = ?").params(LocalDate.now(clock), plan.id()).update();
        audit.changed("budget_plan", plan.id(), accountId, "ended", Map.of("method", plan.method()),
                Map.of("reason", reason == null ? "" : reason.trim()));
    }
}
