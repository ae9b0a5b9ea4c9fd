package coop.switchboard.members;

import coop.switchboard.members.AccountView.BillDelivery;
import coop.switchboard.members.MemberView.Language;
import coop.switchboard.members.MemberView.MemberType;
import coop.switchboard.members.MemberView.MembershipFeeStatus;

import java.time.LocalDate;

/** What a CSR collects to activate a new membership and open its first account. */
public record NewMembership(MemberType type, String firstName, String middleName, String lastName, String businessName,
                            String taxId, LocalDate birthDate, String photoIdType, String photoIdNumber,
                            Language language, String phone, String phoneType, String email,
                            String mailLine1, String mailLine2, String mailCity, String mailState, String mailZip,
                            BillDelivery billDelivery, MembershipFeeStatus feeStatus) {
}
