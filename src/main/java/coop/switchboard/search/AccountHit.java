package coop.switchboard.search;

/** One search result: enough to recognise the account in a list, and why it matched. */
public record AccountHit(long accountId, String accountNumber, long memberId, String displayName, String status,
                         String serviceAddress, String primaryPhone, String matchedOn, double score) {

    public String primaryPhoneFormatted() {
        return coop.switchboard.shared.Phones.format(primaryPhone);
    }
}
