package coop.switchboard.members;

import java.time.LocalDate;
import java.util.List;

/**
 * A member as the console shows them: sensitive fields appear only masked ({@code ***-**-1234}); revealing them
 * is a separate, audited call.
 */
public record MemberView(long id, MemberType type, String firstName, String middleName, String lastName,
                         String businessName, String displayName, String taxIdMasked, boolean hasBirthDate,
                         String photoIdType, String photoIdMasked, Language preferredLanguage, String membershipNumber,
                         LocalDate membershipDate, MembershipFeeStatus membershipFeeStatus, Address mailingAddress,
                         LocalDate deceasedOn, List<PhoneView> phones, List<EmailView> emails) {

    public enum MemberType { PERSON, BUSINESS }

    public enum Language { EN, ES }

    public enum MembershipFeeStatus { PAID, UNPAID, WAIVED, REFUNDED }

    /** A postal address. */
    public record Address(String line1, String line2, String city, String state, String zip) {
        public String oneLine() {
            StringBuilder sb = new StringBuilder();
            if (line1 != null) {
                sb.append(line1);
            }
            if (line2 != null && !line2.isBlank()) {
                sb.append(", ").append(line2);
            }
            if (city != null) {
                sb.append(", ").append(city).append(", ").append(state).append(' ').append(zip);
            }
            return sb.toString();
        }
    }

    public record PhoneView(long id, String type, String digits, boolean primary) {
        public String formatted() {
            return coop.switchboard.shared.Phones.format(digits);
        }
    }

    public record EmailView(long id, String address, boolean primary) {
    }
}
