package coop.switchboard.payments;

import coop.switchboard.members.InteractionService;
import coop.switchboard.members.InteractionView;
import coop.switchboard.payments.ach.AchCorrection;
import coop.switchboard.payments.ach.AchReturn;
import coop.switchboard.payments.ach.AchReturnFile;
import coop.switchboard.payments.ach.NachaFile;
import coop.switchboard.payments.ach.NachaFormatException;
import coop.switchboard.payments.ach.NachaReader;
import coop.switchboard.shared.AuditLog;
import coop.switchboard.shared.InvalidInputException;
import coop.switchboard.shared.Money;
import coop.switchboard.shared.SensitiveData;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The bank's ACH return and notification-of-change files, read strictly: each return reverses its payment, charges the
 * returned-payment fee and notifies the member; the enrollment is suspended after the policy's number of returns, or at
 * once for a closed, missing, invalid or unauthorized account. Notifications of change correct the enrollment. Entries
 * are found by their trace number, from the one sequence every drafts file uses. A return file is read once.
 */
@Service
public class AchReturns {
    /** Return codes after which drafting the account again is pointless or forbidden. */
    private static final Set<String> STOP_AT_ONCE = Set.of("R02", "R03", "R04", "R05", "R07", "R08", "R10", "R11", "R12", "R14", "R15",
            "R16", "R20", "R29");
    private final JdbcClient jdbc;
    private final AchService enrollments;
    private final PaymentService payments;
    private final InteractionService interactions;
    private final PaymentPolicy policy;
    private final SensitiveData sensitive;
    private final AuditLog audit;
    private final Clock clock;

    AchReturns(JdbcClient jdbc, AchService enrollments, PaymentService payments, InteractionService interactions, PaymentPolicy policy,
               SensitiveData sensitive, AuditLog audit, Clock clock) {
        this.jdbc = jdbc;
        this.enrollments = enrollments;
        this.payments = payments;
        this.interactions = interactions;
        this.policy = policy;
        this.sensitive = sensitive;
        this.audit = audit;
        this.clock = clock;
    }

    /** What reading a return file did with each return and notification of change. */
    public record ReturnsResult(long fileId, boolean alreadyRead, int returns, int corrections, int unmatched, List<String> outcomes,
                                long returnedCents) {
    }

    /** Reads a return or NOC file from the bank; the same file again does nothing. */
    @Transactional
    public ReturnsResult returns(String fileName, String content) {
        String hash = Digests.sha256(content.getBytes(StandardCharsets.UTF_8));
        Optional<Long> earlier = jdbc.sql("select id from payments.ach_return_file where file_hash = ?").param(hash).query(Long.class).optional();
        if (earlier.isPresent()) {
            return new ReturnsResult(earlier.get(), true, 0, 0, 0, List.of("this file was read before (return file " + earlier.get() + ")"), 0);
        }
        NachaFile file;
        try {
            file = NachaReader.strict().read(content);
        } catch (NachaFormatException e) {
            throw new InvalidInputException("file", e.getMessage());
        }
        List<AchReturn> found = AchReturnFile.of(file);
        long fileId = jdbc.sql("""
                        insert into payments.ach_return_file (file_name, file_hash, returns, corrections, unmatched, imported_by, imported_at)
                        values (?, ?, 0, 0, 0, ?, ?) returning id""")
                .params(fileName, hash, audit.currentActor(), Timestamp.from(clock.instant())).query(Long.class).single();
        int returns = 0;
        int corrections = 0;
        int unmatched = 0;
        long returnedCents = 0;
        List<String> outcomes = new ArrayList<>();
        for (AchReturn r : found) {
            Optional<Map<String, Object>> entry = jdbc.sql("select * from payments.ach_entry where trace_number = ?").param(r.originalTrace())
                    .query().listOfRows().stream().findFirst();
            String outcome;
            Long entryId = null;
            if (entry.isEmpty()) {
                unmatched++;
                outcome = "line " + r.line() + ": no entry of ours has trace " + r.originalTrace();
            } else {
                entryId = ((Number) entry.get().get("id")).longValue();
                long enrollmentId = ((Number) entry.get().get("enrollment_id")).longValue();
                if (r.kind() == AchReturn.Kind.RETURN) {
                    returns++;
                    returnedCents += r.amountCents();
                    outcome = returned(r, entry.get(), enrollmentId);
                } else {
                    corrections++;
                    outcome = corrected(r, enrollmentId);
                }
            }
            outcomes.add(outcome);
            jdbc.sql("""
                            insert into payments.ach_return (return_file_id, kind, original_trace, reason_code, reason_title, amount, ach_entry_id,
                                                             outcome, line) values (?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                    .params(fileId, r.kind().name(), r.originalTrace(), r.reasonCode(), r.reasonTitle(), Money.ofCents(r.amountCents()).amount(),
                            entryId, outcome, r.line()).update();
        }
        jdbc.sql("update payments.ach_return_file set returns = ?, corrections = ?, unmatched = ? where id = ?")
                .params(returns, corrections, unmatched, fileId).update();
        return new ReturnsResult(fileId, false, returns, corrections, unmatched, outcomes, returnedCents);
    }

    private String returned(AchReturn r, Map<String, Object> entry, long enrollmentId) {
        long entryId = ((Number) entry.get("id")).longValue();
        if (entry.get("returned_code") != null) {
            return "trace " + r.originalTrace() + " was returned before (" + entry.get("returned_code") + ")";
        }
        jdbc.sql("update payments.ach_entry set returned_code = ?, returned_on = ? where id = ?")
                .params(r.reasonCode(), LocalDate.now(clock), entryId).update();
        String kind = (String) entry.get("kind");
        long accountId = ((Number) entry.get("account_id")).longValue();
        String outcome;
        if ("DEBIT".equals(kind) && entry.get("payment_id") != null) {
            payments.returned(((Number) entry.get("payment_id")).longValue(), r.reasonCode(), r.reasonTitle(), true);
            outcome = "payment of $" + Money.ofCents(r.amountCents()) + " reversed (" + r.reasonCode() + " " + r.reasonTitle() + "), fee charged";
        } else if ("PRENOTE".equals(kind)) {
            outcome = "prenote returned (" + r.reasonCode() + " " + r.reasonTitle() + ")";
        } else {
            outcome = "refund credit returned (" + r.reasonCode() + "); pay the refund by check";
            interactions.log(accountId, InteractionView.Kind.NOTE, "Payment", "ACH refund credit of $" + Money.ofCents(r.amountCents())
                    + " was returned by the member's bank (" + r.reasonCode() + " " + r.reasonTitle() + "). Pay it by check.");
        }
        int count = jdbc.sql("update payments.ach_enrollment set return_count = return_count + 1 where id = ? returning return_count")
                .param(enrollmentId).query(Integer.class).single();
        AchService.Enrollment e = enrollments.enrollment(enrollmentId);
        boolean stop = STOP_AT_ONCE.contains(r.reasonCode()) || "PRENOTE".equals(kind) || count >= policy.achReturnsForSuspension();
        if (stop && e.drafting()) {
            enrollments.setStatus(enrollmentId, "SUSPENDED", r.reasonCode() + " " + r.reasonTitle() + (count > 1 ? " (" + count + " returns)" : ""));
            interactions.log(accountId, InteractionView.Kind.LETTER, "Payment", "Autopay suspended: the bank returned a draft from the account "
                    + e.maskedAccount() + " (" + r.reasonCode() + " " + r.reasonTitle() + "). Please pay by another way until it is set up again.");
            outcome += "; autopay suspended";
        }
        return "trace " + r.originalTrace() + ": " + outcome;
    }

    private String corrected(AchReturn r, long enrollmentId) {
        AchCorrection c = r.correction();
        if (c == null) {
            return "trace " + r.originalTrace() + ": " + r.reasonCode() + " " + r.reasonTitle() + " (nothing to change in the enrollment)";
        }
        List<String> changed = new ArrayList<>();
        if (c.routingNumber() != null) {
            jdbc.sql("update payments.ach_enrollment set routing_number = ? where id = ?").params(c.routingNumber(), enrollmentId).update();
            changed.add("routing number " + c.routingNumber());
        }
        if (c.accountNumber() != null) {
            jdbc.sql("update payments.ach_enrollment set account_sealed = ?, account_last4 = ? where id = ?")
                    .params(sensitive.encrypt(c.accountNumber()), AchService.last4(c.accountNumber()), enrollmentId).update();
            changed.add("account ••••" + AchService.last4(c.accountNumber()));
        }
        if (c.accountType() != null) {
            jdbc.sql("update payments.ach_enrollment set account_type = ? where id = ?").params(c.accountType().name(), enrollmentId).update();
            changed.add(c.accountType().name().toLowerCase());
        }
        jdbc.sql("update payments.ach_enrollment set updated_by = ?, updated_at = ? where id = ?")
                .params(audit.currentActor(), Timestamp.from(clock.instant()), enrollmentId).update();
        audit.changed("ach_enrollment", enrollmentId, enrollments.enrollment(enrollmentId).accountId(), "NOC " + r.reasonCode(), null,
                Map.of("changed", String.join(", ", changed)));
        return "trace " + r.originalTrace() + ": " + r.reasonCode() + " corrected " + (changed.isEmpty() ? "nothing" : String.join(", ", changed));
    }
}
