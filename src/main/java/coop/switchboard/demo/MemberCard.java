package coop.switchboard.demo;

import coop.switchboard.demo.People.Phone;

import java.time.LocalDate;
import java.util.List;

/**
 * A generated member before their row is written: identity, contacts and membership. A member who will move within
 * the cooperative is written only once their new home, and so their mailing address, is known.
 */
record MemberCard(long id, boolean business, String firstName, String middleName, String lastName,
                  String businessName, boolean spanish, List<Phone> phones, List<String> emails, String taxId,
                  LocalDate birthDate, String photoIdType, String photoIdNumber, LocalDate since, String feeStatus,
                  LocalDate deceasedOn) {

    String displayName() {
        return business ? businessName : firstName + " " + lastName;
    }

    boolean hasEmail() {
        return !emails.isEmpty();
    }

    MemberCard withFeeStatus(String status) {
        return new MemberCard(id, business, firstName, middleName, lastName, businessName, spanish, phones, emails, taxId,
                birthDate, photoIdType, photoIdNumber, since, status, deceasedOn);
    }

    MemberCard deceased(LocalDate on) {
        return new MemberCard(id, business, firstName, middleName, lastName, businessName, spanish, phones, emails, taxId,
                birthDate, photoIdType, photoIdNumber, since, feeStatus, on);
    }
}
