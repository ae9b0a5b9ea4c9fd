package coop.switchboard.members;

import java.time.LocalDate;
import java.util.List;

/** An account: the financial relationship of a member with the utility. */
public record AccountView(long id, String accountNumber, long memberId, AccountStatus status, BillDelivery billDelivery,
                          LocalDate openedOn, LocalDate closedOn, List<AuthorizedPartyView> authorizedParties) {

    public enum AccountStatus { PENDING, ACTIVE, FINAL, CLOSED, WRITTEN_OFF }

    public enum BillDelivery { MAIL, EMAIL }

    /** Someone the member allows to discuss the account. */
    public record AuthorizedPartyView(long id, String name, String relationship, String phoneDigits, LocalDate addedOn) {
        public String phoneFormatted() {
            return coop.switchboard.shared.Phones.format(phoneDigits);
        }
    }
}
