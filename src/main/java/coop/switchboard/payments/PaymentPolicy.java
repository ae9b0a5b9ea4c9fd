package coop.switchboard.payments;

import coop.switchboard.shared.Money;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import java.util.Arrays;
import java.util.List;

/**
 * The utility's payment rules, all settings: the order in which a payment pays kinds of charges
 * ({@code switchboard.payments.allocation-order}), the returned-payment fee, how many returned checks in twelve months
 * make an account cash-only, and how many ACH returns suspend an autopay enrollment.
 */
@Component
public class PaymentPolicy {
    private final List<String> allocationOrder;
    private final Money returnedPaymentFee;
    private final int returnsForCashOnly;
    private final int achReturnsForSuspension;
    private final Money largestPayment;

    PaymentPolicy(@Value("${switchboard.payments.allocation-order:ARRANGEMENT,DEPOSIT,FEE}") String allocationOrder,
                  @Value("${switchboard.payments.returned-payment-fee:25.00}") String returnedPaymentFee,
                  @Value("${switchboard.payments.returns-for-cash-only:2}") int returnsForCashOnly,
                  @Value("${switchboard.payments.ach-returns-for-suspension:2}") int achReturnsForSuspension,
                  @Value("${switchboard.payments.largest-payment:250000.00}") String largestPayment) {
        this.allocationOrder = Arrays.stream(allocationOrder.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
        this.returnedPaymentFee = Money.of(returnedPaymentFee);
        this.returnsForCashOnly = returnsForCashOnly;
        this.achReturnsForSuspension = achReturnsForSuspension;
        this.largestPayment = Money.of(largestPayment);
    }

    public Allocation allocation() {
        return new Allocation(allocationOrder);
    }

    public List<String> allocationOrder() {
        return allocationOrder;
    }

    public Money returnedPaymentFee() {
        return returnedPaymentFee;
    }

    public int returnsForCashOnly() {
        return returnsForCashOnly;
    }

    public int achReturnsForSuspension() {
        return achReturnsForSuspension;
    }

    /** A single payment above this is refused as a likely keying error. */
    public Money largestPayment() {
        return largestPayment;
    }
}
