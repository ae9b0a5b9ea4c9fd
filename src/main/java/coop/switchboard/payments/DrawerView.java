package coop.switchboard.payments;

import coop.switchboard.shared.Money;

import java.time.Instant;
import java.time.LocalDate;

/**
 * A cash drawer. After the close, {@code countedCash} and {@code expectedCash} include the opening float;
 * {@link #overShort()} is counted minus expected for cash and checks together.
 */
public record DrawerView(long id, String location, String openedBy, Instant openedAt, LocalDate businessDay, Money openingFloat,
                         Status status, Instant closedAt, Money countedCash, Money countedChecks, Money expectedCash,
                         Money expectedChecks, String countDetailJson, String closeNote, String approvedBy, Instant approvedAt,
                         String approvalNote, Long depositId) {

    public enum Status { OPEN, CLOSED, APPROVED }

    /** Over (positive) or short (negative) at the close; zero while open. */
    public Money overShort() {
        if (countedCash == null) {
            return Money.ZERO;
        }
        return countedCash.minus(expectedCash).plus(countedChecks.minus(expectedChecks));
    }

    public Money cashOverShort() {
        return countedCash == null ? Money.ZERO : countedCash.minus(expectedCash);
    }

    /** Cash that goes to the bank: what was counted less the float that stays in the drawer. */
    public Money cashToDeposit() {
        return countedCash == null ? Money.ZERO : countedCash.minus(openingFloat);
    }
}
