package coop.switchboard.members;

import coop.switchboard.shared.AuditLog;
import coop.switchboard.shared.NotFoundException;
import coop.switchboard.shared.SensitiveData;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.time.LocalDate;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * Members and their accounts: look-ups, identity matching by tax id, and audited reveals of sensitive fields.
 */
@Service
public class MemberService {
    private final MemberRows rows;
    private final JdbcClient jdbc;
    private final SensitiveData sensitive;
    private final AuditLog audit;

    MemberService(MemberRows rows, JdbcClient jdbc, SensitiveData sensitive, AuditLog audit) {
        this.rows = rows;
        this.jdbc = jdbc;
        this.sensitive = sensitive;
        this.audit = audit;
    }

    public MemberView member(long id) {
        return rows.member(id).orElseThrow(() -> new NotFoundException("Member", id));
    }

    public AccountView account(long id) {
        return rows.account(id).orElseThrow(() -> new NotFoundException("Account", id));
    }

    public Optional<AccountView> findAccount(long id) {
        return rows.account(id);
    }

    public Optional<AccountView> accountByNumber(String accountNumber) {
        return rows.accountByNumber(accountNumber);
    }

    public List<AccountView> accountsOf(long memberId) {
        return rows.accountsOfMember(memberId);
    }

    public List<AccountView> accounts(Collection<Long> ids) {
        return rows.accounts(ids);
    }

    /**
     * Locks the accounts' rows until the caller's transaction ends, in id order (so two callers never deadlock): for
     * work that decides an account's status from other modules' rows (the agreements module, stopping a service).
     */
    @org.springframework.transaction.annotation.Transactional(propagation = org.springframework.transaction.annotation.Propagation.MANDATORY)
    public void lockAccounts(long... accountIds) {
        java.util.Arrays.stream(accountIds).distinct().sorted().forEach(id ->
                jdbc.sql("select id from members.account where id = ? for update").param(id).query(Long.class).optional());
    }

    /** The account's status now. */
    public AccountView.AccountStatus accountStatus(long accountId) {
        return jdbc.sql("select status from members.account where id = ?").param(accountId).query(String.class).optional()
                .map(AccountView.AccountStatus::valueOf).orElseThrow(() -> new NotFoundException("Account", accountId));
    }

    /**
     * Changes the account's status from {@code from} to {@code to} (nothing happens when it is no longer {@code from}),
     * with the reason in the audit trail, in the caller's transaction; returns whether it changed.
     */
    @org.springframework.transaction.annotation.Transactional(propagation = org.springframework.transaction.annotation.Propagation.MANDATORY)
    public boolean changeAccountStatus(long accountId, AccountView.AccountStatus from, AccountView.AccountStatus to, String reason) {
        int changed = jdbc.sql("update members.account set status = ?, version = version + 1 where id = ? and status = ?")
                .params(to.name(), accountId, from.name()).update();
        if (changed > 0) {
            java.util.Map<String, Object> after = new java.util.LinkedHashMap<>();
            after.put("status", to.name());
            after.put("reason", reason);
            audit.changed("account", accountId, accountId, "STATUS", java.util.Map.of("status", from.name()), after);
        }
        return changed > 0;
    }

    /** An account's number and member, for work that needs no more of it (posting a payment). */
    public record AccountRef(long id, String accountNumber, long memberId) {
        /** The accounts' numbers by id. */
        public static java.util.Map<Long, String> numbers(java.util.Map<Long, AccountRef> refs) {
            java.util.Map<Long, String> numbers = new java.util.HashMap<>(refs.size() * 2);
            refs.forEach((id, ref) -> numbers.put(id, ref.accountNumber()));
            return numbers;
        }
    }

    /** The accounts' numbers by id, in one query; ids that name no account are absent. */
    public java.util.Map<Long, String> accountNumbers(Collection<Long> ids) {
        return AccountRef.numbers(accountRefs(ids));
    }

    /** The accounts' numbers and members in one query; ids that name no account are absent. */
    public java.util.Map<Long, AccountRef> accountRefs(Collection<Long> ids) {
        java.util.Map<Long, AccountRef> result = new java.util.HashMap<>(ids.size() * 2);
        if (ids.isEmpty()) {
            return result;
        }
        jdbc.sql("select id, account_number, member_id from members.account where id = any(?)").param(ids.toArray(Long[]::new))
                .query(rs -> {
                    result.put(rs.getLong(1), new AccountRef(rs.getLong(1), rs.getString(2), rs.getLong(3)));
                });
        return result;
    }

    /**
     * Account ids by account number, for many numbers at once (a lockbox file): numbers that name no account are absent.
     * A number given without its leading zeros (as a scan line reads back) also finds the account.
     */
    public java.util.Map<String, Long> accountIdsByNumber(Collection<String> accountNumbers) {
        java.util.Map<String, Long> result = new java.util.HashMap<>(accountNumbers.size() * 2);
        if (accountNumbers.isEmpty()) {
            return result;
        }
        java.util.Set<String> candidates = new java.util.HashSet<>(accountNumbers.size() * 3);
        for (String n : accountNumbers) {
            candidates.add(n);
            candidates.addAll(spellings(n));
        }
        java.util.Map<String, Long> byNumber = new java.util.HashMap<>(candidates.size() * 2);
        jdbc.sql("select account_number, id from members.account where account_number = any(?)")
                .param(candidates.toArray(String[]::new))
                .query(rs -> {
                    byNumber.put(rs.getString(1), rs.getLong(2));
                });
        for (String n : accountNumbers) {
            Long id = byNumber.get(n);
            if (id == null) {
                id = spellings(n).stream().map(byNumber::get).filter(java.util.Objects::nonNull).findFirst().orElse(null);
            }
            if (id != null) {
                result.put(n, id);
            }
        }
        return result;
    }

    /** Other ways a numeric account number may be written: without leading zeros, or padded to ten digits. */
    private static List<String> spellings(String n) {
        if (n.isEmpty() || !n.chars().allMatch(Character::isDigit)) {
            return List.of();
        }
        String stripped = n.replaceFirst("^0+(?=.)", "");
        String padded = stripped.length() < 10 ? "0".repeat(10 - stripped.length()) + stripped : stripped;
        return List.of(stripped, padded);
    }

    /** Members whose tax id (SSN or EIN, punctuation ignored) is this one: matched by keyed hash, never decrypted. */
    public List<Long> membersWithTaxId(String taxId) {
        String digits = TaxIds.normalise(taxId);
        if (digits == null) {
            return List.of();
        }
        return jdbc.sql("select id from members.member where tax_id_hash = ? order by id")
                .param(sensitive.matchHash(digits)).query(Long.class).list();
    }

    /** The tax id in full, for a permitted role; the reveal is audited against the account being served. */
    @Transactional
    public String revealTaxId(long memberId, Long accountId) {
        byte[] sealed = sealed("tax_id_sealed", memberId);
        audit.revealed("member", memberId, accountId, "taxId");
        return sealed == null ? null : TaxIds.format(sensitive.decrypt(sealed), member(memberId).type() == MemberView.MemberType.BUSINESS);
    }

    @Transactional
    public LocalDate revealBirthDate(long memberId, Long accountId) {
        byte[] sealed = sealed("birth_date_sealed", memberId);
        audit.revealed("member", memberId, accountId, "birthDate");
        return sealed == null ? null : LocalDate.parse(sensitive.decrypt(sealed));
    }

    @Transactional
    public String revealPhotoIdNumber(long memberId, Long accountId) {
        byte[] sealed = sealed("photo_id_number_sealed", memberId);
        audit.revealed("member", memberId, accountId, "photoIdNumber");
        return sealed == null ? null : sensitive.decrypt(sealed);
    }

    private byte[] sealed(String column, long memberId) {
        return jdbc.sql("select " + column + " from members.member where id = ?").param(memberId)
                .query((rs, n) -> Optional.ofNullable(rs.getBytes(1))).optional()
                .orElseThrow(() -> new NotFoundException("Member", memberId)).orElse(null);
    }


}
