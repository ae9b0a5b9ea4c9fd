package coop.switchboard.billing.document;

import coop.switchboard.billing.BillView;
import coop.switchboard.members.MemberView.Language;
import coop.switchboard.metering.CycleService;
import coop.switchboard.shared.AuditLog;
import coop.switchboard.shared.InvalidInputException;
import coop.switchboard.shared.NotFoundException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The messages printed on bills: the utility's general messages (effective by bill date, optionally for one cycle),
 * after the account's own automatic ones (past due, estimated read, credit balance).
 */
@Component
public class BillMessages {
    /** Bills have room for a short list; automatic messages come first. */
    static final int MAX = 5;
    static final int MAX_LENGTH = 400;
    private final JdbcClient jdbc;
    private final CycleService cycles;
    private final AuditLog audit;
    private final Clock clock;

    BillMessages(JdbcClient jdbc, CycleService cycles, AuditLog audit, Clock clock) {
        this.jdbc = jdbc;
        this.cycles = cycles;
        this.audit = audit;
        this.clock = clock;
    }

    /**
     * Adds a general message for bills dated from {@code from} up to (not including) {@code to} (null: until further
     * notice), on every cycle or only {@code cycle}; returns its id.
     */
    @Transactional
    public long add(String textEn, String textEs, LocalDate from, LocalDate to, Integer cycle) {
        List<InvalidInputException.Violation> problems = new ArrayList<>();
        check(problems, "textEn", textEn);
        check(problems, "textEs", textEs);
        if (from == null) {
            problems.add(new InvalidInputException.Violation("from", "is required"));
        } else if (to != null && !to.isAfter(from)) {
            problems.add(new InvalidInputException.Violation("to", "must be after from (" + from + ")"));
        }
        if (cycle != null) {
            try {
                cycles.cycle(cycle);
            } catch (NotFoundException e) {
                problems.add(new InvalidInputException.Violation("cycle", "there is no cycle " + cycle));
            }
        }
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems);
        }
        long id = jdbc.sql("""
                        insert into billing.bill_message (text_en, text_es, effective_from, effective_to, cycle_number, created_by, created_at)
                        values (?, ?, ?, ?, ?, ?, ?) returning id""")
                .params(textEn.strip(), textEs.strip(), from, to, cycle, audit.currentActor(), Timestamp.from(clock.instant()))
                .query(Long.class).single();
        audit.changed("bill_message", id, null, "added", Map.of(), Map.of("textEn", textEn.strip(), "from", from.toString(),
                "to", to == null ? "" : to.toString(), "cycle", cycle == null ? "" : cycle.toString()));
        return id;
    }

    private static void check(List<InvalidInputException.Violation> problems, String field, String text) {
        if (text == null || text.isBlank()) {
            problems.add(new InvalidInputException.Violation(field, "is required"));
        } else if (text.strip().length() > MAX_LENGTH) {
            problems.add(new InvalidInputException.Violation(field, "is longer than " + MAX_LENGTH + " characters"));
        }
    }

    /** The general messages in effect on the bill's date for its cycle, oldest first, in the bill's language. */
    List<String> general(BillView bill, Language language, int limit) {
        if (limit <= 0) {
            return List.of();
        }
        return jdbc.sql("""
                        select case when ? = 'ES' then text_es else text_en end from billing.bill_message m
                         where m.effective_from <= ? and (m.effective_to is null or m.effective_to > ?)
                           and (m.cycle_number is null
                                or m.cycle_number = (select r.cycle_number from billing.bill_run r where r.id = ?))
                         order by m.id limit ?""")
                .params(language.name(), bill.billDate(), bill.billDate(), bill.runId(), limit)
                .query(String.class).list();
    }

    /** When the account's bill before this one was due, if it had one. */
    LocalDate previousDueDate(BillView bill) {
        return jdbc.sql("select due_date from billing.bill where account_id = ? and status = 'ISSUED' and id < ? order by id desc limit 1")
                .params(bill.accountId(), bill.id()).query(LocalDate.class).optional().orElse(null);
    }
}
