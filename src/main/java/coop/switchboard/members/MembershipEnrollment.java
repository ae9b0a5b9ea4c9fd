package coop.switchboard.members;

import coop.switchboard.members.AccountView.BillDelivery;
import coop.switchboard.members.MemberView.MemberType;
import coop.switchboard.shared.AuditLog;
import coop.switchboard.shared.CheckDigit;
import coop.switchboard.shared.InputChecks;
import coop.switchboard.shared.Phones;
import coop.switchboard.shared.SensitiveData;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.sql.Date;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Activates a membership: validates everything first (naming each bad field), refuses a second membership for a
 * tax id already on file, then writes the member, contacts and a PENDING account in one transaction.
 */
@Service
public class MembershipEnrollment {
    private static final Set<String> PHONE_TYPES = Set.of("MOBILE", "HOME", "WORK", "OTHER");
    private static final Set<String> PHOTO_ID_TYPES = Set.of("DRIVERS_LICENSE", "STATE_ID", "PASSPORT", "MILITARY_ID", "TRIBAL_ID");
    private final JdbcClient jdbc;
    private final SensitiveData sensitive;
    private final AuditLog audit;
    private final MemberService members;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    MembershipEnrollment(JdbcClient jdbc, SensitiveData sensitive, AuditLog audit, MemberService members,
                         ApplicationEventPublisher events, Clock clock) {
        this.jdbc = jdbc;
        this.sensitive = sensitive;
        this.audit = audit;
        this.members = members;
        this.events = events;
        this.clock = clock;
    }

    @Transactional
    public AccountView enroll(NewMembership m) {
        LocalDate today = LocalDate.now(clock);
        InputChecks checks = new InputChecks().required("type", m.type());
        if (m.type() == MemberType.PERSON) {
            checks.required("firstName", m.firstName()).required("lastName", m.lastName());
        } else if (m.type() == MemberType.BUSINESS) {
            checks.required("businessName", m.businessName());
        }
        checks.maxLength("firstName", m.firstName(), 60).maxLength("middleName", m.middleName(), 60)
                .maxLength("lastName", m.lastName(), 80).maxLength("businessName", m.businessName(), 120)
                .check(m.taxId() == null || m.taxId().isBlank() || TaxIds.normalise(m.taxId()) != null, "taxId", "must be 9 digits")
                .check(m.birthDate() == null || m.birthDate().isBefore(today), "birthDate", "must be in the past")
                .check(m.photoIdType() == null || m.photoIdType().isBlank() || PHOTO_ID_TYPES.contains(m.photoIdType()), "photoIdType", "is not a known kind of photo ID")
                .check(m.photoIdNumber() == null || m.photoIdNumber().isBlank() || (m.photoIdType() != null && !m.photoIdType().isBlank()), "photoIdType", "is required with a photo ID number")
                .maxLength("photoIdNumber", m.photoIdNumber(), 40)
                .required("language", m.language())
                .required("phone", m.phone()).phone("phone", m.phone())
                .check(m.phoneType() == null || PHONE_TYPES.contains(m.phoneType()), "phoneType", "must be MOBILE, HOME, WORK or OTHER")
                .email("email", m.email()).maxLength("email", m.email(), 200)
                .required("mailLine1", m.mailLine1()).maxLength("mailLine1", m.mailLine1(), 120)
                .required("mailCity", m.mailCity()).maxLength("mailCity", m.mailCity(), 60)
                .required("mailState", m.mailState()).check(m.mailState() == null || m.mailState().trim().matches("[A-Za-z]{2}"), "mailState", "must be a 2-letter state code")
                .required("mailZip", m.mailZip()).check(m.mailZip() == null || m.mailZip().trim().matches("\\d{5}(-\\d{4})?"), "mailZip", "must be a ZIP code like 99156 or 99156-1234")
                .required("billDelivery", m.billDelivery())
                .check(m.billDelivery() != BillDelivery.EMAIL || (m.email() != null && !m.email().isBlank()), "email", "is required for e-mailed bills")
                .required("feeStatus", m.feeStatus());
        String taxDigits = TaxIds.normalise(m.taxId());
        if (taxDigits != null) {
            // Two CSRs enrolling the same person at once: the second waits here and then sees the first.
            jdbc.sql("select pg_advisory_xact_lock(hashtextextended(encode(?, 'hex'), 0))")
                    .param(sensitive.matchHash(taxDigits)).query(Object.class).single();
            List<Long> existing = members.membersWithTaxId(taxDigits);
            if (!existing.isEmpty()) {
                checks.add("taxId", "belongs to existing member " + members.member(existing.get(0)).membershipNumber()
                        + "; open another account for that member instead");
            }
        }
        checks.throwIfAny();

        String displayName = m.type() == MemberType.PERSON ? (m.firstName().trim() + " " + m.lastName().trim()) : m.businessName().trim();
        long membershipNumber = jdbc.sql("select nextval('members.membership_number_seq')").query(Long.class).single();
        Timestamp now = Timestamp.from(clock.instant());
        long memberId = jdbc.sql("""
                        insert into members.member (member_type, first_name, middle_name, last_name, business_name, display_name,
                            tax_id_sealed, tax_id_hash, tax_id_last4, birth_date_sealed, photo_id_type, photo_id_number_sealed, photo_id_last4,
                            preferred_language, membership_number, membership_date, membership_fee_status,
                            mail_line1, mail_line2, mail_city, mail_state, mail_zip, created_at)
                        values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) returning id
                        """)
                .params(m.type().name(), blankToNull(m.firstName()), blankToNull(m.middleName()), blankToNull(m.lastName()), blankToNull(m.businessName()), displayName,
                        taxDigits == null ? null : sensitive.encrypt(taxDigits), taxDigits == null ? null : sensitive.matchHash(taxDigits),
                        taxDigits == null ? null : taxDigits.substring(5),
                        m.birthDate() == null ? null : sensitive.encrypt(m.birthDate().toString()),
                        blankToNull(m.photoIdType()), blank(m.photoIdNumber()) ? null : sensitive.encrypt(m.photoIdNumber().trim()),
                        blank(m.photoIdNumber()) || m.photoIdNumber().trim().length() < 7 ? null : last4(m.photoIdNumber().trim()),
                        m.language().name(), Long.toString(membershipNumber), Date.valueOf(today), m.feeStatus().name(),
                        blankToNull(m.mailLine1()), blankToNull(m.mailLine2()), blankToNull(m.mailCity()), m.mailState().trim().toUpperCase(), m.mailZip().trim(), now)
                .query(Long.class).single();
        jdbc.sql("insert into members.phone (member_id, phone_type, digits, is_primary) values (?, ?, ?, true)")
                .params(memberId, m.phoneType() == null ? "MOBILE" : m.phoneType(), Phones.digits(m.phone())).update();
        if (!blank(m.email())) {
            jdbc.sql("insert into members.email (member_id, address, is_primary) values (?, ?, true)")
                    .params(memberId, m.email().trim().toLowerCase()).update();
        }
        long base = jdbc.sql("select nextval('members.account_base_seq')").query(Long.class).single();
        String accountNumber = CheckDigit.append(base);
        long accountId = jdbc.sql("""
                        insert into members.account (account_number, member_id, status, bill_delivery, opened_on, created_at)
                        values (?, ?, 'PENDING', ?, ?, ?) returning id
                        """)
                .params(accountNumber, memberId, m.billDelivery().name(), Date.valueOf(today), now)
                .query(Long.class).single();
        Map<String, Object> after = new LinkedHashMap<>();
        after.put("displayName", displayName);
        after.put("membershipNumber", Long.toString(membershipNumber));
        after.put("accountNumber", accountNumber);
        after.put("language", m.language().name());
        after.put("taxId", taxDigits == null ? null : "***-**-" + taxDigits.substring(5));
        audit.changed("member", memberId, accountId, "ENROLL", null, after);
        events.publishEvent(new AccountChanged(accountId));
        return members.account(accountId);
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    private static String blankToNull(String s) {
        return blank(s) ? null : s.trim();
    }

    private static String last4(String s) {
        return s.length() <= 4 ? s : s.substring(s.length() - 4);
    }
}
