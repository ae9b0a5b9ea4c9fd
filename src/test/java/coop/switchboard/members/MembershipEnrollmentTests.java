package coop.switchboard.members;

import coop.switchboard.TestCustomers;
import coop.switchboard.platform.AuditTrail;
import coop.switchboard.shared.InvalidInputException;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {"switchboard.embedded.ephemeral=true"})
class MembershipEnrollmentTests {
    @Autowired MembershipEnrollment enrollment;
    @Autowired MemberService members;
    @Autowired JdbcClient jdbc;
    @Autowired AuditTrail audit;

    private long count(String table) {
        return jdbc.sql("select count(*) from " + table).query(Long.class).single();
    }

    private NewMembership withTaxId(String first, String taxId) {
        NewMembership p = TestCustomers.person(first, "Okonkwo", "5095550" + TestCustomers.uniqueDigits(3), first.toLowerCase() + "@example.com");
        return new NewMembership(p.type(), p.firstName(), p.middleName(), p.lastName(), p.businessName(), taxId, p.birthDate(),
                "DRIVERS_LICENSE", "WDL0KON123JX", p.language(), p.phone(), p.phoneType(), p.email(), p.mailLine1(), p.mailLine2(),
                p.mailCity(), p.mailState(), p.mailZip(), AccountView.BillDelivery.EMAIL, p.feeStatus());
    }

    @Test
    void opensAPendingAccountWithAValidCheckDigitAndAuditsIt() {
        AccountView account = enrollment.enroll(withTaxId("Chidi", "5" + TestCustomers.uniqueDigits(8)));
        assertThat(account.status()).isEqualTo(AccountView.AccountStatus.PENDING);
        assertThat(coop.switchboard.shared.CheckDigit.isValid(account.accountNumber())).isTrue();
        MemberView member = members.member(account.memberId());
        assertThat(member.displayName()).isEqualTo("Chidi Okonkwo");
        assertThat(member.phones()).hasSize(1);
        assertThat(member.emails()).extracting(MemberView.EmailView::address).containsExactly("chidi@example.com");
        assertThat(audit.forAccount(account.id(), 10)).extracting(AuditTrail.AuditRecordView::action).contains("ENROLL");
    }

    @Test
    void keepsTheTaxIdEncryptedAndMatchesItByKeyedHash() {
        String taxId = "6" + TestCustomers.uniqueDigits(8);
        AccountView account = enrollment.enroll(withTaxId("Amara", taxId.substring(0, 3) + "-" + taxId.substring(3, 5) + "-" + taxId.substring(5)));
        byte[] sealed = jdbc.sql("select tax_id_sealed from members.member where id = ?").param(account.memberId()).query(byte[].class).single();
        assertThat(new String(sealed, StandardCharsets.ISO_8859_1)).doesNotContain(taxId);
        assertThat(members.member(account.memberId()).taxIdMasked()).isEqualTo("***-**-" + taxId.substring(5));
        assertThat(members.membersWithTaxId(taxId)).containsExactly(account.memberId());
        assertThat(members.revealTaxId(account.memberId(), account.id())).isEqualTo(taxId.substring(0, 3) + "-" + taxId.substring(3, 5) + "-" + taxId.substring(5));
        assertThat(members.revealBirthDate(account.memberId(), account.id())).isEqualTo(LocalDate.of(1970, 5, 17));
        assertThat(audit.forAccount(account.id(), 10)).extracting(AuditTrail.AuditRecordView::action).contains("REVEAL");
    }

    @Test
    void refusesASecondMembershipForTheSameTaxIdAndSavesNothing() {
        String taxId = "7" + TestCustomers.uniqueDigits(8);
        enrollment.enroll(withTaxId("Ngozi", taxId));
        long members = count("members.member");
        assertThatThrownBy(() -> enrollment.enroll(withTaxId("Emeka", taxId)))
                .isInstanceOfSatisfying(InvalidInputException.class, e ->
                        assertThat(e.violations()).extracting(InvalidInputException.Violation::field).containsExactly("taxId"));
        assertThat(count("members.member")).isEqualTo(members);
    }

    @Test
    void namesEveryBadFieldAndSavesNothing() {
        long membersBefore = count("members.member");
        long accountsBefore = count("members.account");
        long phonesBefore = count("members.phone");
        NewMembership bad = new NewMembership(MemberView.MemberType.PERSON, "Ada", null, " ", null, "12-34", LocalDate.of(2999, 1, 1),
                null, null, MemberView.Language.EN, "555-01", "PAGER", "not-an-email", "", null, "Newport", "Washington", "9915",
                AccountView.BillDelivery.EMAIL, MemberView.MembershipFeeStatus.PAID);
        assertThatThrownBy(() -> enrollment.enroll(bad))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.violations())
                        .extracting(InvalidInputException.Violation::field)
                        .contains("lastName", "taxId", "birthDate", "phone", "phoneType", "email", "mailLine1", "mailState", "mailZip"));
        assertThat(count("members.member")).isEqualTo(membersBefore);
        assertThat(count("members.account")).isEqualTo(accountsBefore);
        assertThat(count("members.phone")).isEqualTo(phonesBefore);
    }

    @Test
    void theAuditTrailCannotBeRewritten() {
        AccountView account = enrollment.enroll(withTaxId("Ife", "8" + TestCustomers.uniqueDigits(8)));
        assertThatThrownBy(() -> jdbc.sql("update platform.audit_event set actor = 'someone else' where account_id = ?").param(account.id()).update())
                .hasMessageContaining("append-only");
        assertThatThrownBy(() -> jdbc.sql("delete from platform.audit_event where account_id = ?").param(account.id()).update())
                .hasMessageContaining("append-only");
    }
}
