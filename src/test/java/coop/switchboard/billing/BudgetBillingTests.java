package coop.switchboard.billing;

import coop.switchboard.shared.Money;
import org.junit.jupiter.api.Test;

import java.time.YearMonth;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class BudgetBillingTests {
    private static final BudgetBilling.Plan ROLLING = new BudgetBilling.Plan(1, "ROLLING", null, null);
    private static final BudgetBilling.Plan FIXED = new BudgetBilling.Plan(2, "FIXED", Money.of("100.00"), 6);

    @Test
    void aRollingPlanAsksForTheTwelveMonthAverageInWholeDollarsPlusATwelfthOfTheDifferenceCarried() {
        List<Money> eleven = List.of(Money.of("80.00"), Money.of("90.00"), Money.of("150.00"), Money.of("160.00"), Money.of("120.00"),
                Money.of("70.00"), Money.of("65.00"), Money.of("75.00"), Money.of("95.00"), Money.of("130.00"), Money.of("140.00"));
        // (1,175 + 101.21) / 12 = 106.35; plus 36.00 / 12 = 3.00 → $109.
        BudgetBilling.Result r = BudgetBilling.bill(ROLLING, eleven, Money.of("101.21"), Money.of("105.00"), Money.of("-105.00"),
                Money.of("36.00"), Money.of("137.21"), YearMonth.of(2026, 3));
        assertThat(r.installment()).isEqualTo(Money.of("109.00"));
        assertThat(r.amountDue()).isEqualTo(Money.of("109.00"));
        assertThat(r.deferred()).isEqualTo(Money.of("28.21"));
        assertThat(r.trueUp()).isFalse();
    }

    @Test
    void anUnpaidAmountDueIsAskedForAgainAndAnOverpaymentIsNot() {
        BudgetBilling.Result unpaid = BudgetBilling.bill(FIXED, List.of(), Money.of("120.00"), Money.of("100.00"), Money.of("-40.00"),
                Money.ZERO, Money.of("180.00"), YearMonth.of(2026, 2));
        assertThat(unpaid.amountDue()).isEqualTo(Money.of("160.00"));
        BudgetBilling.Result overpaid = BudgetBilling.bill(FIXED, List.of(), Money.of("120.00"), Money.of("100.00"), Money.of("-150.00"),
                Money.ZERO, Money.of("70.00"), YearMonth.of(2026, 2));
        assertThat(overpaid.amountDue()).isEqualTo(Money.of("100.00"));
        assertThat(overpaid.deferred()).isEqualTo(Money.of("-30.00"));
    }

    @Test
    void theTrueUpMonthAsksForTheWholeBalanceOrNothingWhenInCredit() {
        assertThat(BudgetBilling.bill(FIXED, List.of(), Money.of("90.00"), Money.of("100.00"), Money.of("-100.00"), Money.of("75.00"),
                Money.of("165.00"), YearMonth.of(2026, 6)).amountDue()).isEqualTo(Money.of("165.00"));
        BudgetBilling.Result credit = BudgetBilling.bill(FIXED, List.of(), Money.of("60.00"), Money.of("100.00"), Money.of("-100.00"),
                Money.of("-80.00"), Money.of("-20.00"), YearMonth.of(2026, 6));
        assertThat(credit.trueUp()).isTrue();
        assertThat(credit.amountDue()).isEqualTo(Money.ZERO);
        assertThat(credit.deferred()).isEqualTo(Money.of("-20.00"));
    }
}
