package coop.switchboard.billing;

import coop.switchboard.shared.Money;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.YearMonth;
import java.util.List;

/**
 * Levelized (budget) billing arithmetic, pure. The member is asked for an installment each bill instead of the actual
 * charges; the plan carries the difference ({@code deferred}: balance owed minus amount asked). ROLLING plans
 * recalculate the installment each bill as the average of the last twelve bills' actual charges plus a twelfth of the
 * difference carried; FIXED plans ask the same amount every month and settle the difference in the true-up month,
 * when the amount due is the whole balance. An unpaid part of the previous amount due is added to the new one.
 */
final class BudgetBilling {
    private BudgetBilling() {
    }

    /** A plan as billing needs it. */
    record Plan(long id, String method, Money fixedAmount, Integer trueUpMonth) {
        boolean rolling() {
            return "ROLLING".equals(method);
        }
    }

    /** What a bill on a plan asks for. */
    record Result(Money installment, Money amountDue, Money deferred, boolean trueUp) {
    }

    /**
     * @param recentCharges    the current charges of up to eleven earlier bills (any order)
     * @param current          this bill's actual current charges
     * @param previousAmountDue what the previous bill asked for (zero without one)
     * @param payments         payments since the previous bill (negative)
     * @param deferredBefore   the difference the previous bill carried (zero without one)
     * @param balance          the balance after this bill's charges (its total due)
     */
    static Result bill(Plan plan, List<Money> recentCharges, Money current, Money previousAmountDue, Money payments,
                       Money deferredBefore, Money balance, YearMonth billMonth) {
        Money unpaid = previousAmountDue.plus(payments);
        if (unpaid.signum() < 0) {
            unpaid = Money.ZERO; // paid more than asked: the extra lowers the balance, and so the difference carried
        }
        Money installment;
        if (plan.rolling()) {
            BigDecimal sum = current.amount();
            for (Money m : recentCharges) {
                sum = sum.add(m.amount());
            }
            BigDecimal average = sum.divide(BigDecimal.valueOf(recentCharges.size() + 1L), 2, RoundingMode.HALF_UP);
            BigDecimal spread = deferredBefore.amount().divide(BigDecimal.valueOf(12), 2, RoundingMode.HALF_UP);
            installment = new Money(average.add(spread).max(BigDecimal.ZERO).setScale(0, RoundingMode.HALF_UP).setScale(2));
        } else {
            installment = plan.fixedAmount();
        }
        boolean trueUp = !plan.rolling() && plan.trueUpMonth() != null && billMonth.getMonthValue() == plan.trueUpMonth();
        Money amountDue = trueUp ? (balance.signum() > 0 ? balance : Money.ZERO) : unpaid.plus(installment);
        return new Result(installment, amountDue, balance.minus(amountDue), trueUp);
    }
}
