package coop.switchboard.ledger;

import coop.switchboard.shared.Money;

import java.time.Instant;
import java.time.LocalDate;

/** A posted entry; {@code balanceAfter} is the account's running balance after it (when listed with one). */
public record EntryView(long id, long accountId, LocalDate entryDate, EntryKind kind, Money amount, String service, String category,
                        String debitAccount, String creditAccount, String sourceType, long sourceId, String description,
                        LocalDate dueDate, Long reversesId, String createdBy, Instant createdAt, Money balanceAfter) {
}
