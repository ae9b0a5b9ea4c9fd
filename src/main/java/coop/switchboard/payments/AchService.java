package coop.switchboard.payments;

import coop.switchboard.members.AccountView;
import coop.switchboard.members.MemberService;
import coop.switchboard.payments.ach.AbaRouting;
import coop.switchboard.payments.ach.AccountType;
import coop.switchboard.payments.ach.AchOrigin;
import coop.switchboard.payments.ach.Batch;
import coop.switchboard.payments.ach.Entry;
import coop.switchboard.payments.ach.EntryDraft;
import coop.switchboard.payments.ach.NachaFile;
import coop.switchboard.payments.ach.NachaFileBuilder;
import coop.switchboard.payments.ach.NachaWriter;
import coop.switchboard.payments.ach.SecCode;
import coop.switchboard.platform.Role;
import coop.switchboard.platform.StaffPermissions;
import coop.switchboard.shared.AuditLog;
import coop.switchboard.shared.InputChecks;
import coop.switchboard.shared.InvalidInputException;
import coop.switchboard.shared.Money;
import coop.switchboard.shared.NotAllowedException;
import coop.switchboard.shared.NotFoundException;
import coop.switchboard.shared.SensitiveData;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * ACH autopay. Enrollment checks the routing number's ABA check digit and seals the bank account number (only its last
 * four digits are ever shown); a prenote may be sent first, and drafts start after its waiting period. For a due date,
 * every active enrollment's issued bills due that day are drafted for what each bill asks less what was paid since it
 * was issued: PPD debits for people, CCD for businesses, with the ACH refunds paid since the last file as credits, all
 * in one NACHA file whose entries are posted as ACH payments at once (and reversed if the bank returns them). A bill is
 * drafted once; asking again for the same date returns the same file.
 *
 * <p>The bank's return files are read by {@link AchReturns}.
 */
@Service
public class AchService {
    private static final RowMapper<Enrollment> ENROLLMENT = (rs, n) -> new Enrollment(rs.getLong("id"), rs.getLong("account_id"),
            rs.getString("holder_name"), rs.getString("routing_number"), rs.getString("account_last4"),
            AccountType.valueOf(rs.getString("account_type")), rs.getBoolean("business"), rs.getString("status"),
            rs.getObject("active_from", LocalDate.class), rs.getInt("return_count"), rs.getString("status_reason"),
            rs.getString("created_by"), rs.getTimestamp("created_at").toInstant());

    private final JdbcClient jdbc;
    private final SensitiveData sensitive;
    private final BillsDue billsDue;
    private final BatchPosting posting;
    private final RefundService refunds;
    private final MemberService members;
    private final StaffPermissions permissions;
    private final AuditLog audit;
    private final Clock clock;
    private final AchOrigin origin;
    private final String entryDescription;
    private final int prenoteDays;

    AchService(JdbcClient jdbc, SensitiveData sensitive, BillsDue billsDue, BatchPosting posting,
               RefundService refunds, MemberService members,
               StaffPermissions permissions, AuditLog audit, Clock clock,
               @Value("${switchboard.payments.ach.immediate-destination:021000021}") String destination,
               @Value("${switchboard.payments.ach.destination-name:JPMORGAN CHASE}") String destinationName,
               @Value("${switchboard.payments.ach.immediate-origin:1911234567}") String immediateOrigin,
               @Value("${switchboard.payments.ach.company-name:${switchboard.utility.name:Switchboard Utility}}") String companyName,
               @Value("${switchboard.payments.ach.company-id:1911234567}") String companyId,
               @Value("${switchboard.payments.ach.originating-dfi:02100002}") String originatingDfi,
               @Value("${switchboard.payments.ach.entry-description:AUTOPAY}") String entryDescription,
               @Value("${switchboard.payments.ach.prenote-days:6}") int prenoteDays) {
        this.jdbc = jdbc;
        this.sensitive = sensitive;
        this.billsDue = billsDue;
        this.posting = posting;
        this.refunds = refunds;
        this.members = members;
        this.permissions = permissions;
        this.audit = audit;
        this.clock = clock;
        this.origin = new AchOrigin(destination, destinationName, immediateOrigin, companyName, companyId, originatingDfi);
        this.entryDescription = entryDescription;
        this.prenoteDays = prenoteDays;
    }

    /** An autopay enrollment; the bank account number is never shown, only its last four digits. */
    public record Enrollment(long id, long accountId, String holderName, String routingNumber, String accountLast4, AccountType accountType,
                             boolean business, String status, LocalDate activeFrom, int returnCount, String statusReason, String createdBy,
                             Instant createdAt) {
        public String maskedAccount() {
            return "••••" + accountLast4;
        }

        public boolean drafting() {
            return "ACTIVE".equals(status) || "PRENOTE".equals(status);
        }
    }

    /** A drafts file: its entries and totals; {@code created} is false when the same day's file was returned again. */
    public record DraftFile(Long fileId, String fileName, String content, int debits, Money debitTotal, int credits, Money creditTotal,
                            int prenotes, boolean created, List<String> skipped) {
    }

    /** Enrolls an account in autopay (replacing an earlier enrollment), with a prenote first if asked. */
    @Transactional
    public Enrollment enroll(long accountId, String holderName, String routingNumber, String bankAccountNumber, AccountType type,
                             boolean business, boolean prenote) {
        AccountView account = members.findAccount(accountId).orElseThrow(() -> new NotFoundException("Account", accountId));
        InputChecks checks = new InputChecks().required("holderName", holderName).maxLength("holderName", holderName, 80)
                .required("accountType", type);
        String routing = routingNumber == null ? "" : routingNumber.replaceAll("[\\s-]", "");
        AbaRouting.problem(routing).ifPresent(p -> checks.add("routingNumber", p));
        String bankAccount = bankAccountNumber == null ? "" : bankAccountNumber.replaceAll("[\\s]", "");
        if (!bankAccount.matches("[0-9A-Za-z-]{4,17}")) {
            checks.add("bankAccountNumber", "must be 4 to 17 digits (letters and hyphens allowed)");
        }
        if (account.status() == AccountView.AccountStatus.CLOSED || account.status() == AccountView.AccountStatus.WRITTEN_OFF) {
            checks.add("accountId", "account " + account.accountNumber() + " is " + account.status().name().toLowerCase());
        }
        checks.throwIfAny();
        LocalDate today = LocalDate.now(clock);
        String actor = audit.currentActor();
        Timestamp now = Timestamp.from(clock.instant());
        jdbc.sql("""
                        update payments.ach_enrollment set status = 'CANCELLED', status_reason = 'replaced by a new enrollment', updated_by = ?,
                               updated_at = ? where account_id = ? and status in ('PRENOTE', 'ACTIVE', 'SUSPENDED')""")
                .params(actor, now, accountId).update();
        long id = jdbc.sql("""
                        insert into payments.ach_enrollment (account_id, holder_name, routing_number, account_sealed, account_last4, account_type,
                                                             business, status, active_from, created_by, created_at)
                        values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) returning id""")
                .params(accountId, holderName.trim(), routing, sensitive.encrypt(bankAccount), last4(bankAccount),
                        type.name(), business, prenote ? "PRENOTE" : "ACTIVE", prenote ? today.plusDays(prenoteDays) : today, actor, now)
                .query(Long.class).single();
        audit.changed("ach_enrollment", id, accountId, "ENROLL", null, Map.of("routing", routing, "account", "••••" + last4(bankAccount),
                "type", type.name(), "prenote", prenote));
        return enrollment(id);
    }

    public Enrollment enrollment(long id) {
        return jdbc.sql("select * from payments.ach_enrollment where id = ?").param(id).query(ENROLLMENT).optional()
                .orElseThrow(() -> new NotFoundException("ACH enrollment", id));
    }

    /** The account's current enrollment (prenote, active or suspended). */
    public Optional<Enrollment> enrollmentOf(long accountId) {
        return jdbc.sql("select * from payments.ach_enrollment where account_id = ? and status <> 'CANCELLED' order by id desc limit 1")
                .param(accountId).query(ENROLLMENT).optional();
    }

    public List<Enrollment> enrollments(String status, int limit) {
        return jdbc.sql("select * from payments.ach_enrollment where (?::text is null or status = ?) order by id desc limit ?")
                .params(status, status, limit).query(ENROLLMENT).list();
    }

    public Map<String, Integer> enrollmentCounts() {
        Map<String, Integer> counts = new HashMap<>();
        jdbc.sql("select status, count(*) from payments.ach_enrollment group by status").query(rs -> {
            counts.put(rs.getString(1), rs.getInt(2));
        });
        return counts;
    }

    /** Stops autopay for good (the member asked). */
    @Transactional
    public Enrollment cancel(long enrollmentId, String reason) {
        return setStatus(enrollmentId, "CANCELLED", reason);
    }

    /** Lets a suspended enrollment draft again (BILLING, SUPERVISOR or ADMIN), resetting its return count. */
    @Transactional
    public Enrollment reinstate(long enrollmentId, String reason) {
        if (!permissions.hasRole(Role.BILLING) && !permissions.hasRole(Role.SUPERVISOR) && !permissions.hasRole(Role.ADMIN)) {
            throw new NotAllowedException("Billing or a supervisor reinstates a suspended autopay.");
        }
        Enrollment e = enrollment(enrollmentId);
        if (!"SUSPENDED".equals(e.status())) {
            throw new InvalidInputException("enrollmentId", "enrollment " + enrollmentId + " is " + e.status().toLowerCase() + ", not suspended");
        }
        jdbc.sql("update payments.ach_enrollment set return_count = 0 where id = ?").param(enrollmentId).update();
        return setStatus(enrollmentId, "ACTIVE", reason);
    }

    /** The drafts file for a due date: made the first time, the same file again after that (plus any new drafts). */
    @Transactional
    public DraftFile drafts(LocalDate dueDate) {
        if (dueDate == null) {
            throw new InvalidInputException("date", "is required");
        }
        LocalDate today = LocalDate.now(clock);
        // Prenotes whose waiting period is over start drafting.
        jdbc.sql("update payments.ach_enrollment set status = 'ACTIVE', updated_at = ? where status = 'PRENOTE' and active_from <= ?")
                .params(Timestamp.from(clock.instant()), today).update();
        List<Enrollment> active = jdbc.sql("select * from payments.ach_enrollment where status in ('ACTIVE', 'PRENOTE')")
                .query(ENROLLMENT).list();
        Map<Long, Enrollment> byAccount = new HashMap<>();
        active.forEach(e -> byAccount.put(e.accountId(), e));

        List<Pending> pending = new ArrayList<>();
        List<String> skipped = new ArrayList<>();
        // Prenotes not sent yet.
        for (Enrollment e : active) {
            if ("PRENOTE".equals(e.status()) && jdbc.sql("select count(*) from payments.ach_entry where enrollment_id = ? and kind = 'PRENOTE'")
                    .param(e.id()).query(Integer.class).single() == 0) {
                pending.add(new Pending("PRENOTE", e, null, null, Money.ZERO));
            }
        }
        List<Long> drafting = active.stream().filter(e -> "ACTIVE".equals(e.status()) && !e.activeFrom().isAfter(dueDate))
                .map(Enrollment::accountId).toList();
        List<BillsDue.Due> due = billsDue.dueOn(dueDate, drafting);
        Set<Long> drafted = Set.copyOf(jdbc.sql("select bill_id from payments.ach_entry where kind = 'DEBIT' and bill_id = any(?)")
                .param(due.stream().map(BillsDue.Due::billId).toArray(Long[]::new)).query(Long.class).list());
        Map<Long, BigDecimal> paidSince = paidSince(due);
        for (BillsDue.Due d : due) {
            if (drafted.contains(d.billId())) {
                continue;
            }
            Money amount = d.amountDue().minus(new Money(paidSince.getOrDefault(d.billId(), BigDecimal.ZERO)));
            if (amount.signum() <= 0) {
                skipped.add("bill " + d.billId() + ": paid already");
                continue;
            }
            pending.add(new Pending("DEBIT", byAccount.get(d.accountId()), d, null, amount));
        }
        for (RefundService.RefundView r : refunds.achToSend()) {
            Enrollment e = byAccount.get(r.accountId());
            if (e == null) {
                e = enrollmentOf(r.accountId()).orElse(null);
            }
            if (e == null) {
                skipped.add("refund " + r.id() + ": the account has no bank account on file; pay it by check");
                continue;
            }
            pending.add(new Pending("REFUND", e, null, r, r.amount()));
        }
        if (pending.isEmpty()) {
            Optional<DraftFile> earlier = latestFile(dueDate, skipped);
            return earlier.orElse(new DraftFile(null, null, null, 0, Money.ZERO, 0, Money.ZERO, 0, false, skipped));
        }
        return write(dueDate, pending, skipped);
    }

    private record Pending(String kind, Enrollment enrollment, BillsDue.Due bill, RefundService.RefundView refund, Money amount) {
    }

    private DraftFile write(LocalDate dueDate, List<Pending> pending, List<String> skipped) {
        Map<Long, AccountView> accounts = new HashMap<>();
        members.accounts(pending.stream().map(p -> p.enrollment().accountId()).distinct().toList()).forEach(a -> accounts.put(a.id(), a));
        LocalDate today = LocalDate.now(clock);
        LocalDate effective = dueDate.isBefore(today) ? today : dueDate;
        NachaFileBuilder builder = new NachaFileBuilder(origin, LocalDateTime.now(clock), entryDescription);
        for (Pending p : pending) {
            Enrollment e = p.enrollment();
            String bankAccount = sensitive.decrypt(jdbc.sql("select account_sealed from payments.ach_enrollment where id = ?").param(e.id())
                    .query(byte[].class).single());
            builder.add(new EntryDraft(e.business() ? SecCode.CCD : SecCode.PPD, transactionCode(p), e.routingNumber(), bankAccount, p.amount().cents(),
                    accounts.get(e.accountId()).accountNumber(), e.holderName(), effective));
        }
        NachaFile built = builder.fileIdModifier(modifier(dueDate)).build();
        // Trace numbers come from one sequence, so a return always finds its entry whatever file it was in.
        Map<String, String> traces = new HashMap<>();
        List<Batch> batches = new ArrayList<>();
        java.util.Iterator<Long> sequence = jdbc.sql("select nextval('payments.ach_trace_sequence') from generate_series(1, ?)")
                .param(built.entries().size()).query(Long.class).list().iterator();
        for (Batch b : built.batches()) {
            List<Entry> entries = new ArrayList<>();
            for (Entry en : b.entries()) {
                long next = sequence.next();
                String trace = origin.originatingDfi() + String.format("%07d", next % 10_000_000L);
                traces.put(en.traceNumber(), trace);
                entries.add(new Entry(en.transactionCode(), en.receivingDfi(), en.checkDigit(), en.dfiAccountNumber(), en.amountCents(),
                        en.individualId(), en.individualName(), en.discretionaryData(), en.addendaIndicator(), trace, en.addenda(), en.line()));
            }
            batches.add(Batch.of(b.header(), entries));
        }
        NachaFile file = NachaFile.of(built.header(), batches);
        String content = NachaWriter.write(file);
        String fileName = "ACH-" + dueDate + "-" + modifier(dueDate) + ".ach";
        long debitCents = file.control().totalDebitCents();
        long creditCents = file.control().totalCreditCents();
        long fileId = jdbc.sql("""
                        insert into payments.ach_file (effective_date, file_name, content, entry_count, debit_total, credit_total, created_by, created_at)
                        values (?, ?, ?, ?, ?, ?, ?, ?) returning id""")
                .params(dueDate, fileName, content, pending.size(), Money.ofCents(debitCents).amount(), Money.ofCents(creditCents).amount(),
                        audit.currentActor(), Timestamp.from(clock.instant()))
                .query(Long.class).single();
        Map<Pending, String> traceOf = traceOf(built, pending, traces);
        long batchId = jdbc.sql("""
                        insert into payments.batch (kind, name, business_day, file_format, item_count, total, created_by, created_at)
                        values ('ACH', ?, ?, 'NACHA', ?, ?, ?, ?) returning id""")
                .params("ACH drafts " + fileName, today, pending.size(), Money.ofCents(debitCents).amount(), audit.currentActor(),
                        Timestamp.from(clock.instant()))
                .query(Long.class).single();
        List<BatchPosting.Item> toPost = new ArrayList<>();
        List<Pending> debits = new ArrayList<>();
        for (Pending p : pending) {
            if ("DEBIT".equals(p.kind())) {
                toPost.add(new BatchPosting.Item("ach:" + traceOf.get(p), p.enrollment().accountId(), p.amount(), Tender.ACH,
                        "ACH " + traceOf.get(p), null, p.enrollment().holderName(), effective));
                debits.add(p);
            }
        }
        List<Long> paymentIds = posting.post(batchId, toPost);
        Map<Pending, Long> paymentOf = new HashMap<>();
        for (int i = 0; i < debits.size(); i++) {
            paymentOf.put(debits.get(i), paymentIds.get(i));
        }
        int prenotes = 0;
        int credits = 0;
        List<Long> refundIds = new ArrayList<>();
        for (Pending p : pending) {
            jdbc.sql("""
                            insert into payments.ach_entry (file_id, enrollment_id, account_id, kind, bill_id, refund_id, trace_number,
                                                            transaction_code, amount, payment_id)
                            values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                    .params(fileId, p.enrollment().id(), p.enrollment().accountId(), p.kind(), p.bill() == null ? null : p.bill().billId(),
                            p.refund() == null ? null : p.refund().id(), traceOf.get(p), transactionCode(p), p.amount().amount(),
                            paymentOf.get(p))
                    .update();
            if ("PRENOTE".equals(p.kind())) {
                prenotes++;
            } else if ("REFUND".equals(p.kind())) {
                credits++;
                refundIds.add(p.refund().id());
            }
        }
        refunds.sent(refundIds, fileName);
        audit.changed("ach_file", fileId, null, "CREATE", null, Map.of("file", fileName, "entries", pending.size(),
                "debits", Money.ofCents(debitCents).toString()));
        return new DraftFile(fileId, fileName, content, debits.size(), Money.ofCents(debitCents), credits, Money.ofCents(creditCents), prenotes,
                true, skipped);
    }

    /** 27/37 debits checking/savings, 28/38 their prenotes, 22/32 credits. */
    private static int transactionCode(Pending p) {
        boolean savings = p.enrollment().accountType() == AccountType.SAVINGS;
        return switch (p.kind()) {
            case "PRENOTE" -> savings ? 38 : 28;
            case "REFUND" -> savings ? 32 : 22;
            default -> savings ? 37 : 27;
        };
    }

    /** Which trace each pending entry got: the builder kept the order drafts were added within each batch. */
    private static Map<Pending, String> traceOf(NachaFile built, List<Pending> pending, Map<String, String> traces) {
        // The builder numbered entries 1..n in batch order; within a batch, drafts keep the order they were added, and a
        // draft's batch is fixed by its SEC code and direction, so walking the pending list per batch key pairs them.
        Map<String, List<Pending>> byKey = new HashMap<>();
        for (Pending p : pending) {
            boolean debit = !"REFUND".equals(p.kind());
            String key = (p.enrollment().business() ? "CCD" : "PPD") + (debit ? "D" : "C");
            byKey.computeIfAbsent(key, k -> new ArrayList<>()).add(p);
        }
        Map<Pending, String> result = new HashMap<>();
        for (Batch b : built.batches()) {
            String key = b.header().secCode().name() + (b.header().serviceClassCode() == 225 ? "D" : "C");
            List<Pending> list = byKey.get(key);
            for (int i = 0; i < b.entries().size(); i++) {
                result.put(list.get(i), traces.get(b.entries().get(i).traceNumber()));
            }
        }
        return result;
    }

    private Optional<DraftFile> latestFile(LocalDate dueDate, List<String> skipped) {
        return jdbc.sql("select * from payments.ach_file where effective_date = ? order by id desc limit 1").param(dueDate)
                .query((rs, n) -> {
                    long id = rs.getLong("id");
                    return new DraftFile(id, rs.getString("file_name"), rs.getString("content"),
                            count(id, "DEBIT"), new Money(rs.getBigDecimal("debit_total")), count(id, "REFUND"),
                            new Money(rs.getBigDecimal("credit_total")), count(id, "PRENOTE"), false, skipped);
                }).optional();
    }

    private int count(long fileId, String kind) {
        return jdbc.sql("select count(*) from payments.ach_entry where file_id = ? and kind = ?").params(fileId, kind).query(Integer.class).single();
    }

    public List<Map<String, Object>> files(int limit) {
        return jdbc.sql("select id, effective_date, file_name, entry_count, debit_total, credit_total, created_by, created_at from payments.ach_file order by id desc limit ?")
                .param(limit).query().listOfRows();
    }

    /** The name a drafts file was written under (for its download). */
    public String fileName(long fileId) {
        return jdbc.sql("select file_name from payments.ach_file where id = ?").param(fileId).query(String.class).optional()
                .orElseThrow(() -> new NotFoundException("ACH file", fileId));
    }

    public String fileContent(long fileId) {
        return jdbc.sql("select content from payments.ach_file where id = ?").param(fileId).query(String.class).optional()
                .orElseThrow(() -> new NotFoundException("ACH file", fileId));
    }

    /** Sets an enrollment's status with the reason (audited). */
    Enrollment setStatus(long enrollmentId, String status, String reason) {
        if (reason == null || reason.isBlank()) {
            throw new InvalidInputException("reason", "is required");
        }
        Enrollment before = enrollment(enrollmentId);
        jdbc.sql("update payments.ach_enrollment set status = ?, status_reason = ?, updated_by = ?, updated_at = ? where id = ?")
                .params(status, reason.trim(), audit.currentActor(), Timestamp.from(clock.instant()), enrollmentId).update();
        audit.changed("ach_enrollment", enrollmentId, before.accountId(), status, Map.of("status", before.status()), Map.of("status", status));
        return enrollment(enrollmentId);
    }

    /** Payments (not reversed) posted to each bill's account since its bill date, by bill. */
    private Map<Long, BigDecimal> paidSince(List<BillsDue.Due> due) {
        Map<Long, BigDecimal> result = new HashMap<>();
        if (due.isEmpty()) {
            return result;
        }
        jdbc.sql("""
                        select q.bill_id, coalesce(sum(p.amount), 0)
                          from unnest(?::bigint[], ?::bigint[], ?::date[]) as q(bill_id, account_id, bill_date)
                          join payments.payment p on p.account_id = q.account_id
                          join payments.receipt r on r.id = p.receipt_id and r.posted_on >= q.bill_date
                         where not exists (select 1 from payments.reversal v where v.payment_id = p.id)
                         group by q.bill_id""")
                .params(due.stream().map(BillsDue.Due::billId).toArray(Long[]::new), due.stream().map(BillsDue.Due::accountId).toArray(Long[]::new),
                        due.stream().map(d -> java.sql.Date.valueOf(d.billDate())).toArray(java.sql.Date[]::new))
                .query(rs -> {
                    result.put(rs.getLong(1), rs.getBigDecimal(2));
                });
        return result;
    }

    /** A, B, C... for the day's first, second, third file. */
    private char modifier(LocalDate dueDate) {
        int earlier = jdbc.sql("select count(*) from payments.ach_file where effective_date = ?").param(dueDate).query(Integer.class).single();
        return earlier < 26 ? (char) ('A' + earlier) : (char) ('0' + (earlier - 26) % 10);
    }

    static String last4(String bankAccount) {
        return bankAccount.length() <= 4 ? bankAccount : bankAccount.substring(bankAccount.length() - 4);
    }

}
