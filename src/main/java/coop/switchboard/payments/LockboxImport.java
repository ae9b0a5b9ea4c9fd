package coop.switchboard.payments;

import coop.switchboard.members.MemberService;
import coop.switchboard.payments.lockbox.LockboxFile;
import coop.switchboard.payments.lockbox.LockboxFormatException;
import coop.switchboard.payments.lockbox.LockboxReader;
import coop.switchboard.shared.AuditLog;
import coop.switchboard.shared.InvalidInputException;
import coop.switchboard.shared.Money;
import coop.switchboard.shared.NotFoundException;
import coop.switchboard.shared.ScanLine;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Imports the bank's lockbox and remittance files (BAI2, the fixed-width BAI lockbox transmission, or Switchboard's CSV;
 * see docs/payments-lockbox.md). A file that fails its control totals or any record is rejected whole, with the line
 * and the reason, and the attempt is recorded. A good file is posted in one transaction: each item matched by the
 * stub's scan line or an account number becomes a check payment in the file's batch; items that match no account, match
 * with a misread scan line, or are checks for a cash-only account go to the suspense queue for a CSR. The same file
 * imported again posts nothing and says which import it repeats.
 */
@Service
public class LockboxImport {
    private static final Pattern DIGIT_RUN = Pattern.compile("\\d{6,12}");
    private static final RowMapper<FileView> FILE = (rs, n) -> new FileView(rs.getLong("id"), rs.getString("file_name"),
            rs.getString("file_hash"), rs.getString("format"), rs.getString("status"), rs.getString("reason"),
            rs.getObject("deposit_date", LocalDate.class), rs.getInt("item_count"), new Money(rs.getBigDecimal("total")),
            rs.getInt("posted_count"), new Money(rs.getBigDecimal("posted_total")), rs.getInt("suspense_count"),
            new Money(rs.getBigDecimal("suspense_total")), (Long) rs.getObject("batch_id"), rs.getString("imported_by"),
            rs.getTimestamp("imported_at").toInstant());
    private static final RowMapper<SuspenseView> SUSPENSE = (rs, n) -> new SuspenseView(rs.getLong("id"), rs.getLong("lockbox_file_id"),
            rs.getLong("batch_id"), rs.getInt("line"), rs.getString("reference"), new Money(rs.getBigDecimal("amount")),
            rs.getString("check_number"), rs.getString("payer_name"), rs.getObject("received_on", LocalDate.class), rs.getString("reason"),
            rs.getString("status"), (Long) rs.getObject("receipt_id"), rs.getString("resolved_by"), rs.getString("note"));

    private final JdbcClient jdbc;
    private final BatchPosting posting;
    private final PaymentService payments;
    private final MemberService members;
    private final AuditLog audit;
    private final Clock clock;
    private final TransactionTemplate tx;
    private final TransactionTemplate separate;
    private volatile Runnable midwayHook = () -> { };

    LockboxImport(JdbcClient jdbc, BatchPosting posting, PaymentService payments, MemberService members, AuditLog audit, Clock clock,
                  PlatformTransactionManager transactions) {
        this.jdbc = jdbc;
        this.posting = posting;
        this.payments = payments;
        this.members = members;
        this.audit = audit;
        this.clock = clock;
        this.tx = new TransactionTemplate(transactions);
        this.separate = new TransactionTemplate(transactions);
        this.separate.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    }

    /** An import attempt and what came of it. */
    public record FileView(long id, String fileName, String fileHash, String format, String status, String reason, LocalDate depositDate,
                           int items, Money total, int posted, Money postedTotal, int suspense, Money suspenseTotal, Long batchId,
                           String importedBy, Instant importedAt) {
        public boolean rejected() {
            return "REJECTED".equals(status);
        }
    }

    /** What an import did: the file's record, and {@code duplicateOf} set when the same file had been posted before. */
    public record Result(FileView file, FileView duplicateOf) {
        public boolean duplicate() {
            return duplicateOf != null;
        }
    }

    /** An item waiting in suspense, or what became of it. */
    public record SuspenseView(long id, long fileId, long batchId, int line, String reference, Money amount, String checkNumber,
                               String payerName, LocalDate receivedOn, String reason, String status, Long receiptId, String resolvedBy,
                               String note) {
    }

    /** Imports a file; never throws for a bad file (the result says it was rejected and why). */
    public Result importFile(String fileName, byte[] content) {
        if (fileName == null || fileName.isBlank()) {
            throw new InvalidInputException("fileName", "is required");
        }
        String name = fileName.strip();
        String hash = Digests.sha256(content);
        Optional<FileView> earlier = postedWithHash(hash);
        if (earlier.isPresent()) {
            return new Result(earlier.get(), earlier.get());
        }
        LockboxFile file;
        try {
            file = LockboxReader.read(new String(content, StandardCharsets.UTF_8));
        } catch (LockboxFormatException e) {
            return new Result(rejected(name, hash, e.getMessage()), null);
        }
        try {
            return tx.execute(s -> {
                Optional<FileView> raced = postedWithHash(hash);
                if (raced.isPresent()) {
                    return new Result(raced.get(), raced.get());
                }
                return new Result(post(name, hash, file), null);
            });
        } catch (org.springframework.dao.DuplicateKeyException e) {
            // Another import of the same file committed first.
            FileView first = postedWithHash(hash).orElseThrow(() -> e);
            return new Result(first, first);
        }
    }

    public FileView file(long id) {
        return jdbc.sql("select * from payments.lockbox_file where id = ?").param(id).query(FILE).optional()
                .orElseThrow(() -> new NotFoundException("Lockbox file", id));
    }

    public List<FileView> recent(int limit) {
        return jdbc.sql("select * from payments.lockbox_file order by id desc limit ?").param(limit).query(FILE).list();
    }

    public List<SuspenseView> suspense(boolean openOnly, int limit) {
        return jdbc.sql("select * from payments.suspense " + (openOnly ? "where status = 'OPEN' " : "") + "order by id desc limit ?")
                .param(limit).query(SUSPENSE).list();
    }

    public List<SuspenseView> suspenseOf(long fileId) {
        return jdbc.sql("select * from payments.suspense where lockbox_file_id = ? order by line").param(fileId).query(SUSPENSE).list();
    }

    public SuspenseView suspenseItem(long id) {
        return jdbc.sql("select * from payments.suspense where id = ?").param(id).query(SUSPENSE).optional()
                .orElseThrow(() -> new NotFoundException("Suspense item", id));
    }

    /** A CSR applies a suspense item to the account it belongs to: a check payment in the file's batch. */
    public ReceiptView apply(long suspenseId, long accountId, String note) {
        return tx.execute(s -> {
            SuspenseView item = jdbc.sql("select * from payments.suspense where id = ? for update").param(suspenseId).query(SUSPENSE)
                    .optional().orElseThrow(() -> new NotFoundException("Suspense item", suspenseId));
            if (!"OPEN".equals(item.status())) {
                throw new InvalidInputException("suspenseId", "item " + suspenseId + " was already " + item.status().toLowerCase()
                        + (item.resolvedBy() == null ? "" : " by " + item.resolvedBy()));
            }
            ReceiptView receipt = payments.post(new PaymentRequest("suspense:" + suspenseId, Tender.CHECK,
                    List.of(new PaymentRequest.Part(accountId, item.amount())), item.reference(), item.checkNumber() == null ? "-" : item.checkNumber(),
                    null, item.payerName(), null, item.batchId(), item.receivedOn()));
            resolve(suspenseId, "APPLIED", receipt.id(), note);
            return receipt;
        });
    }

    /** The check goes back to whoever sent it (no account could be found, or the account may not pay by check). */
    public SuspenseView returnToSender(long suspenseId, String note) {
        if (note == null || note.isBlank()) {
            throw new InvalidInputException("note", "say why and how the check is returned");
        }
        return tx.execute(s -> {
            SuspenseView item = jdbc.sql("select * from payments.suspense where id = ? for update").param(suspenseId).query(SUSPENSE)
                    .optional().orElseThrow(() -> new NotFoundException("Suspense item", suspenseId));
            if (!"OPEN".equals(item.status())) {
                throw new InvalidInputException("suspenseId", "item " + suspenseId + " was already " + item.status().toLowerCase());
            }
            resolve(suspenseId, "RETURNED", null, note);
            return suspenseItem(suspenseId);
        });
    }

    /** For the crash test: runs after the payments are posted and before the file's record is written. */
    void midwayHook(Runnable hook) {
        this.midwayHook = hook == null ? () -> { } : hook;
    }

    private FileView post(String name, String hash, LockboxFile file) {
        LocalDate today = LocalDate.now(clock);
        LocalDate deposited = file.depositDate() == null ? today : file.depositDate();
        String actor = audit.currentActor();
        Timestamp now = Timestamp.from(clock.instant());
        long batchId = jdbc.sql("""
                        insert into payments.batch (kind, name, business_day, file_hash, file_format, item_count, total, created_by, created_at)
                        values ('LOCKBOX', ?, ?, ?, ?, ?, ?, ?, ?) returning id""")
                .params("Lockbox " + name + " (" + hash.substring(0, 8) + ")", today, hash, file.format(), file.controlCount(),
                        file.controlTotal(), actor, now)
                .query(Long.class).single();
        long fileId = jdbc.sql("""
                        insert into payments.lockbox_file (file_name, file_hash, format, status, deposit_date, item_count, total, batch_id,
                                                           imported_by, imported_at)
                        values (?, ?, ?, 'POSTED', ?, ?, ?, ?, ?, ?) returning id""")
                .params(name, hash, file.format(), deposited, file.items().size(), file.controlTotal(), batchId, actor, now)
                .query(Long.class).single();

        Matches matches = match(file.items());
        List<BatchPosting.Item> toPost = new ArrayList<>();
        Money postedTotal = Money.ZERO;
        Money suspenseTotal = Money.ZERO;
        int suspense = 0;
        for (LockboxFile.Item item : file.items()) {
            Money amount = new Money(item.amount());
            LocalDate received = item.date() == null ? deposited : item.date();
            String why = matches.reasons.get(item.line());
            if (amount.signum() <= 0) {
                why = "the amount is zero";
            }
            if (why == null) {
                toPost.add(new BatchPosting.Item("lockbox:" + hash + ":" + item.line(), matches.accounts.get(item.line()), amount,
                        tender(item), item.reference(), item.checkNumber(), item.payerName(), received));
                postedTotal = postedTotal.plus(amount);
            } else if (amount.signum() > 0) {
                jdbc.sql("""
                                insert into payments.suspense (lockbox_file_id, batch_id, line, reference, amount, check_number, payer_name,
                                                               received_on, reason, status)
                                values (?, ?, ?, ?, ?, ?, ?, ?, ?, 'OPEN')""")
                        .params(fileId, batchId, item.line(), item.reference(), amount.amount(), item.checkNumber(), item.payerName(),
                                received, why).update();
                suspense++;
                suspenseTotal = suspenseTotal.plus(amount);
            }
        }
        posting.post(batchId, toPost);
        midwayHook.run();
        jdbc.sql("update payments.lockbox_file set posted_count = ?, posted_total = ?, suspense_count = ?, suspense_total = ? where id = ?")
                .params(toPost.size(), postedTotal.amount(), suspense, suspenseTotal.amount(), fileId).update();
        audit.changed("lockbox_file", fileId, null, "IMPORT", null, Map.of("file", name, "items", file.items().size(),
                "posted", toPost.size(), "suspense", suspense));
        return file(fileId);
    }

    private record Matches(Map<Integer, Long> accounts, Map<Integer, String> reasons) {
    }

    /** Finds each item's account: by the scan line, an account number, or a lone number in the reference text. */
    private Matches match(List<LockboxFile.Item> items) {
        Map<Integer, List<String>> candidates = new HashMap<>();
        Map<Integer, String> reasons = new HashMap<>();
        Set<String> numbers = new HashSet<>();
        for (LockboxFile.Item item : items) {
            String ref = item.reference();
            if (ref == null) {
                reasons.put(item.line(), "no scan line or account number");
                continue;
            }
            String digits = ref.replaceAll("[\\s-]", "");
            List<String> found = new ArrayList<>();
            if (digits.length() == 20 && digits.chars().allMatch(Character::isDigit)) {
                try {
                    found.add(ScanLine.parse(digits.substring(0, 10) + " " + digits.substring(10, 19) + " " + digits.charAt(19)).accountNumber());
                } catch (IllegalArgumentException e) {
                    reasons.put(item.line(), "the scan line '" + ref + "' was misread (its check digit does not match)");
                    continue;
                }
            } else if (!digits.isEmpty() && digits.length() <= 12 && digits.chars().allMatch(Character::isDigit)) {
                found.add(digits);
            } else {
                Matcher m = DIGIT_RUN.matcher(ref);
                while (m.find()) {
                    found.add(m.group());
                }
            }
            if (found.isEmpty()) {
                reasons.put(item.line(), "no account number in '" + ref + "'");
                continue;
            }
            candidates.put(item.line(), found);
            numbers.addAll(found);
        }
        Map<String, Long> ids = members.accountIdsByNumber(numbers);
        Map<Integer, Long> accounts = new HashMap<>();
        for (Map.Entry<Integer, List<String>> c : candidates.entrySet()) {
            Set<Long> hits = new HashSet<>();
            for (String n : c.getValue()) {
                Long id = ids.get(n);
                if (id != null) {
                    hits.add(id);
                }
            }
            if (hits.size() == 1) {
                accounts.put(c.getKey(), hits.iterator().next());
            } else if (hits.isEmpty()) {
                reasons.put(c.getKey(), "no account " + String.join(" or ", c.getValue()));
            } else {
                reasons.put(c.getKey(), "ambiguous: " + String.join(", ", c.getValue()) + " name " + hits.size() + " accounts");
            }
        }
        if (!accounts.isEmpty()) {
            Set<Long> cashOnly = new HashSet<>(jdbc.sql("select account_id from payments.cash_only where account_id = any(?)")
                    .param(accounts.values().stream().distinct().toArray(Long[]::new)).query(Long.class).list());
            for (LockboxFile.Item item : items) {
                Long id = accounts.get(item.line());
                if (id != null && cashOnly.contains(id) && tender(item).returnable()) {
                    accounts.remove(item.line());
                    reasons.put(item.line(), "the account is cash-only after returned payments");
                }
            }
        }
        return new Matches(accounts, reasons);
    }

    /** Lockbox items are mailed checks; BAI2 credits say what they are by their type code. */
    private static Tender tender(LockboxFile.Item item) {
        if (item.typeCode() == null) {
            return Tender.CHECK;
        }
        return switch (item.typeCode()) {
            case "165", "166", "169", "142", "143", "145" -> Tender.ACH;
            case "195", "196", "198", "206", "208" -> Tender.WIRE;
            default -> Tender.CHECK;
        };
    }

    private Optional<FileView> postedWithHash(String hash) {
        return jdbc.sql("select * from payments.lockbox_file where file_hash = ? and status = 'POSTED'").param(hash).query(FILE).optional();
    }

    private FileView rejected(String name, String hash, String reason) {
        Long id = separate.execute(s -> jdbc.sql("""
                        insert into payments.lockbox_file (file_name, file_hash, status, reason, imported_by, imported_at)
                        values (?, ?, 'REJECTED', ?, ?, ?) returning id""")
                .params(name, hash, reason, audit.currentActor(), Timestamp.from(clock.instant())).query(Long.class).single());
        return file(id);
    }

    private void resolve(long suspenseId, String status, Long receiptId, String note) {
        jdbc.sql("update payments.suspense set status = ?, receipt_id = ?, resolved_by = ?, resolved_at = ?, note = ? where id = ?")
                .params(status, receiptId, audit.currentActor(), Timestamp.from(clock.instant()), note == null || note.isBlank() ? null : note.trim(),
                        suspenseId).update();
        audit.changed("suspense", suspenseId, null, status, Map.of("status", "OPEN"), Map.of("status", status));
    }

}
