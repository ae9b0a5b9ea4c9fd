package coop.switchboard.payments;

import coop.switchboard.shared.Money;

import java.time.LocalDate;
import java.util.Collection;
import java.util.List;

/**
 * What bills fall due on a day, for ACH autopay drafts. Payments asks; billing answers (it implements this), so payments
 * needs nothing of billing beyond this port.
 */
public interface BillsDue {

    /** An issued bill: {@code amountDue} is what it asks for (a budget member's installment plus anything unpaid). */
    record Due(long billId, long accountId, LocalDate billDate, LocalDate dueDate, Money amountDue) {
    }

    /** Issued bills of these accounts due on the day (a corrected bill replaces the one it corrects). */
    List<Due> dueOn(LocalDate day, Collection<Long> accountIds);
}
