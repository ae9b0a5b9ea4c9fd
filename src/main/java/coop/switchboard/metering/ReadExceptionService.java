package coop.switchboard.metering;

import coop.switchboard.metering.validation.Rule;
import coop.switchboard.shared.AuditLog;
import coop.switchboard.shared.InvalidInputException;
import coop.switchboard.shared.NotFoundException;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The read exceptions queue that BILLING staff work through: reads that failed a validation rule, and reads that never
 * came (missing reads). Each exception is accepted, edited (a corrected read with a reason), sent for a re-read, or
 * estimated from the meter's history; all findings of one read are resolved together, and a resolved exception
 * stays resolved. Every action is audited. Who may act is the caller's to enforce.
 */
@Service
public class ReadExceptionService {
    /** How far before the grace period a missed cycle read date is still looked for (about three monthly cycles). */
    public static final int MISSING_READ_LOOKBACK_DAYS = 92;
    private static final int MAX_PAGE_SIZE = 200;
    private static final String SELECT = """
            select e.id, e.read_id, e.meter_id, e.rule, e.message, e.status, e.expected_on, e.created_at, e.resolved_by,
                   e.resolved_at, e.resolution, m.meter_number, m.cycle_number, m.route_code, m.service_type, m.dials, m.multiplier,
                   r.read_date, r.reading, r.register, r.read_type, r.status as read_status,
                   (select p.reading from metering.register_read p
                     where r.read_type <> 'INITIAL' and p.meter_id = r.meter_id and p.register = r.register and p.status = 'VALID'
                       and (p.read_at, p.id) < (r.read_at, r.id)
                     order by p.read_at desc, p.id desc limit 1) as previous,
                   (select i.service_point_id from metering.meter_installation i
                     where i.meter_id = e.meter_id and i.installed_on <= coalesce(r.read_date, e.expected_on)
                       and (i.removed_on is null or i.removed_on >= coalesce(r.read_date, e.expected_on))
                     order by i.installed_on desc limit 1) as service_point_id
              from metering.read_exception e
              join metering.meter m on m.id = e.meter_id
              left join metering.register_read r on r.id = e.read_id
            """;
    private static final RowMapper<ReadExceptionView> ROW = (rs, n) -> {
        String rule = rs.getString("rule");
        String registerName = rs.getString("register");
        Register register = registerName != null ? Register.valueOf(registerName)
                : "WATER".equals(rs.getString("service_type")) ? Register.GALLONS : Register.KWH;
        BigDecimal reading = rs.getBigDecimal("reading");
        BigDecimal previous = rs.getBigDecimal("previous");
        BigDecimal usage = reading != null && previous != null && register.cumulative()
                ? Dials.usage(previous, reading, rs.getInt("dials"), rs.getBigDecimal("multiplier")) : null;
        LocalDate expectedOn = rs.getObject("expected_on", LocalDate.class);
        LocalDate readDate = rs.getObject("read_date", LocalDate.class);
        Timestamp resolvedAt = rs.getTimestamp("resolved_at");
        return new ReadExceptionView(rs.getLong("id"), (Long) rs.getObject("read_id"), rs.getLong("meter_id"),
                rs.getString("meter_number"), (Integer) rs.getObject("cycle_number"), rs.getString("route_code"),
                (Long) rs.getObject("service_point_id"), rule, label(rule), rs.getString("message"), rs.getString("status"),
                readDate != null ? readDate : expectedOn, expectedOn, register, reading, usage, rs.getString("read_type"),
                rs.getString("read_status"), rs.getTimestamp("created_at").toInstant(), rs.getString("resolved_by"),
                resolvedAt == null ? null : resolvedAt.toInstant(), rs.getString("resolution"));
    };

    private final JdbcClient jdbc;
    private final ReadService reads;
    private final ReadHistory history;
    private final MissingReads missingReads;
    private final AuditLog audit;
    private final Clock clock;

    ReadExceptionService(JdbcClient jdbc, ReadService reads, ReadHistory history, MissingReads missingReads, AuditLog audit,
                         Clock clock) {
        this.jdbc = jdbc;
        this.reads = reads;
        this.history = history;
        this.missingReads = missingReads;
        this.audit = audit;
        this.clock = clock;
    }

    /**
     * Which exceptions to list: by rule (a {@link Rule} name), cycle, route and meter number (each optional), either
     * the open ones or those waiting for a re-read.
     */
    public record Filter(String rule, Integer cycle, String route, String meter, boolean rereadRequested) {
        public static Filter open() {
            return new Filter(null, null, null, null, false);
        }
    }

    /** One page of the queue, oldest first; {@code page} counts from 0. */
    public record Page(List<ReadExceptionView> items, int page, int size, long total) {
        public boolean hasNext() {
            return (long) (page + 1) * size < total;
        }

        public boolean hasPrevious() {
            return page > 0;
        }
    }

    // ---- the queue --------------------------------------------------------------------------------------------------

    public Page queue(Filter filter, int page, int size) {
        int pageSize = Math.max(1, Math.min(size, MAX_PAGE_SIZE));
        int pageNumber = Math.max(0, page);
        List<Object> params = new ArrayList<>();
        String where = where(filter, params, true);
        long total = jdbc.sql("select count(*) from metering.read_exception e join metering.meter m on m.id = e.meter_id " + where)
                .params(params).query(Long.class).single();
        List<ReadExceptionView> items = jdbc.sql(SELECT + where + " order by e.created_at, e.id limit " + pageSize + " offset "
                        + (long) pageNumber * pageSize)
                .params(params).query(ROW).list();
        return new Page(items, pageNumber, pageSize, total);
    }

    /** Waiting exceptions per rule, within the filter's cycle, route and meter (its rule and status are ignored). */
    public ExceptionCounts counts(Filter filter) {
        List<Object> params = new ArrayList<>();
        Filter scope = filter == null ? Filter.open() : new Filter(null, filter.cycle(), filter.route(), filter.meter(), false);
        String where = where(scope, params, false);
        Map<String, long[]> byRule = new LinkedHashMap<>();
        jdbc.sql("""
                        select e.rule, count(*) filter (where e.status = 'OPEN'), count(*) filter (where e.status = 'REREAD_REQUESTED')
                          from metering.read_exception e join metering.meter m on m.id = e.meter_id
                        """ + where + " group by e.rule")
                .params(params).query(rs -> {
                    byRule.put(rs.getString(1), new long[]{rs.getLong(2), rs.getLong(3)});
                });
        List<ExceptionCounts.RuleCount> rules = new ArrayList<>();
        long open = 0;
        long reread = 0;
        for (Rule rule : Rule.values()) {
            long[] c = byRule.remove(rule.name());
            if (c != null) {
                rules.add(new ExceptionCounts.RuleCount(rule.name(), rule.label(), rule.explanation(), c[0], c[1]));
                open += c[0];
                reread += c[1];
            }
        }
        for (Map.Entry<String, long[]> other : byRule.entrySet()) {
            rules.add(new ExceptionCounts.RuleCount(other.getKey(), other.getKey(), "", other.getValue()[0], other.getValue()[1]));
            open += other.getValue()[0];
            reread += other.getValue()[1];
        }
        return new ExceptionCounts(rules, open, reread);
    }

    /** How many exceptions are open (not counting those waiting for a re-read): the number beside the console link. */
    public long openCount() {
        return jdbc.sql("select count(*) from metering.read_exception where status = 'OPEN'").query(Long.class).single();
    }

    private static String where(Filter filter, List<Object> params, boolean byRuleAndStatus) {
        Filter f = filter == null ? Filter.open() : filter;
        StringBuilder where = new StringBuilder(" where ");
        if (byRuleAndStatus) {
            where.append("e.status = ?");
            params.add(f.rereadRequested() ? "REREAD_REQUESTED" : "OPEN");
            if (f.rule() != null && !f.rule().isBlank()) {
                where.append(" and e.rule = ?");
                params.add(rule(f.rule()).name());
            }
        } else {
            where.append("e.status in ('OPEN', 'REREAD_REQUESTED')");
        }
        if (f.cycle() != null) {
            where.append(" and m.cycle_number = ?");
            params.add(f.cycle());
        }
        if (f.route() != null && !f.route().isBlank()) {
            where.append(" and m.route_code = ?");
            params.add(f.route().trim().toUpperCase());
        }
        if (f.meter() != null && !f.meter().isBlank()) {
            where.append(" and m.meter_number = ?");
            params.add(f.meter().trim());
        }
        return where.toString();
    }

    /** Whether this is the name of a validation rule (one of the queue's filters). */
    public static boolean isRule(String name) {
        return name != null && java.util.Arrays.stream(Rule.values()).anyMatch(r -> r.name().equals(name.trim().toUpperCase()));
    }

    private static Rule rule(String name) {
        try {
            return Rule.valueOf(name.trim().toUpperCase());
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException("rule", "there is no rule " + name.trim());
        }
    }

    private static String label(String rule) {
        try {
            return Rule.valueOf(rule).label();
        } catch (IllegalArgumentException e) {
            return rule;
        }
    }

    // ---- one exception ----------------------------------------------------------------------------------------------

    public ReadExceptionView exception(long id) {
        return jdbc.sql(SELECT + " where e.id = ?").param(id).query(ROW).optional()
                .orElseThrow(() -> new NotFoundException("read exception", id));
    }

    /** The exception with its read, the meter's last {@code recent} reads, its history and the estimate it would get. */
    public ReadExceptionDetail detail(long id, int recent) {
        ReadExceptionView e = exception(id);
        List<ReadExceptionView> findings = e.missingRead() ? List.of(e)
                : jdbc.sql(SELECT + " where e.read_id = ? order by e.id").param(e.readId()).query(ROW).list();
        ReadView read = e.missingRead() ? null : reads.view(e.readId());
        ReadHistory.Basis basis = history.basis(reads.meter(e.meterId()), target(e, read));
        String explanation = "";
        try {
            explanation = Rule.valueOf(e.rule()).explanation();
        } catch (IllegalArgumentException ignored) {
            // a rule from a later version: the message says enough
        }
        return new ReadExceptionDetail(e, explanation, findings, read, reads.reads(e.meterId(), Math.max(1, recent)),
                basis.periods(), basis.preview(), basis.consecutiveEstimates());
    }

    private static ReadHistory.Target target(ReadExceptionView e, ReadView read) {
        return read == null ? new ReadHistory.Target(e.register(), e.readDate(), null)
                : new ReadHistory.Target(read.register(), read.readDate(), read.readAt());
    }

    // ---- the four actions -------------------------------------------------------------------------------------------

    /** The read is right after all: it becomes VALID and every finding on it is ACCEPTED. */
    @Transactional
    public ReadExceptionView accept(long id, String note) {
        ReadExceptionView e = claim(id, "accept");
        if (e.missingRead()) {
            throw new InvalidInputException("action", "a missing read has no read to accept: estimate it or request a re-read");
        }
        int changed = jdbc.sql("update metering.register_read set status = 'VALID' where id = ? and status = 'EXCEPTION'")
                .param(e.readId()).update();
        if (changed == 0) {
            throw new InvalidInputException("action", "read " + e.readId() + " is " + e.readStatus() + " and cannot be accepted");
        }
        audit.changed("register_read", e.readId(), null, "accepted", Map.of("status", "EXCEPTION"), Map.of("status", "VALID"));
        update(e, "ACCEPTED", "Accepted" + suffix(note));
        return exception(id);
    }

    /**
     * The reading was wrong: a corrected read (same meter, register, date and type; source MANUAL) replaces it, with
     * the reason. The corrected read is validated again and may raise findings of its own, which it returns.
     */
    @Transactional
    public ReadView edit(long id, BigDecimal correctedReading, String reason) {
        ReadExceptionView e = claim(id, "edit");
        List<InvalidInputException.Violation> errors = new ArrayList<>();
        if (e.missingRead()) {
            throw new InvalidInputException("action", "a missing read has no read to edit: estimate it or request a re-read");
        }
        if (reason == null || reason.isBlank()) {
            errors.add(new InvalidInputException.Violation("reason", "is required: say why the reading is corrected"));
        } else if (reason.trim().length() > 500) {
            errors.add(new InvalidInputException.Violation("reason", "must be at most 500 characters"));
        }
        ReadView old = reads.view(e.readId());
        requireException(old, "edited");
        NewRead corrected = new NewRead(old.meterNumber(), old.register(), old.readDate(), old.readAt(), correctedReading,
                old.type(), ReadSource.MANUAL, audit.currentActor(), reason);
        MeterRecord meter = null;
        try {
            meter = reads.checkRead(corrected, "");
        } catch (InvalidInputException bad) {
            bad.violations().forEach(v -> errors.add(new InvalidInputException.Violation(
                    "reading".equals(v.field()) ? "correctedReading" : v.field(), v.message())));
        }
        if (correctedReading != null && correctedReading.compareTo(old.reading()) == 0) {
            errors.add(new InvalidInputException.Violation("correctedReading", "is the reading already stored; accept the read instead"));
        }
        if (!errors.isEmpty()) {
            throw new InvalidInputException(errors);
        }
        replace(old);
        ReadView stored = reads.store(meter, corrected, null, old.id()).view();
        update(e, "EDITED", "Edited from " + old.reading().stripTrailingZeros().toPlainString() + " to "
                + correctedReading.stripTrailingZeros().toPlainString() + " (read " + stored.id() + "): " + reason.trim());
        return reads.view(stored.id());
    }

    /** A re-read is asked for: the exception waits (shown apart from the open ones) until it is resolved. */
    @Transactional
    public ReadExceptionView requestReread(long id, String note) {
        ReadExceptionView e = claim(id, "request a re-read of");
        if (e.rereadRequested()) {
            throw new InvalidInputException("action", "a re-read was already requested" + (e.resolvedBy() == null ? "" : " by " + e.resolvedBy()));
        }
        update(e, "REREAD_REQUESTED", "Re-read requested" + suffix(note));
        return exception(id);
    }

    /**
     * Estimates the period from the meter's history and stores it as an ESTIMATED read (source ESTIMATE) that replaces
     * the failed read, or for a missing read is dated the day the read was due. Returns how the estimate was made.
     */
    @Transactional
    public String estimate(long id, String note) {
        ReadExceptionView e = claim(id, "estimate");
        ReadView old = e.missingRead() ? null : reads.view(e.readId());
        if (old != null) {
            requireException(old, "estimated");
        }
        MeterRecord meter = reads.meter(e.meterId());
        ReadHistory.Target target = target(e, old);
        ReadExceptionDetail.EstimatePreview preview = history.basis(meter, target).preview();
        if (!preview.possible()) {
            throw new InvalidInputException("estimate", preview.problem());
        }
        NewRead estimated = new NewRead(meter.meterNumber(), target.register(), target.date(), target.at(), preview.reading(),
                ReadType.ESTIMATED, ReadSource.ESTIMATE, null,
                preview.explanation() + (note == null || note.isBlank() ? "" : " Note: " + note.trim()));
        try {
            reads.checkRead(estimated, "");
        } catch (InvalidInputException bad) {
            throw new InvalidInputException("estimate", "the estimate cannot be stored: " + bad.getMessage());
        }
        if (old != null) {
            replace(old);
        }
        ReadView stored = reads.store(meter, estimated, null, old == null ? null : old.id()).view();
        update(e, "ESTIMATED", "Estimated " + preview.usage().stripTrailingZeros().toPlainString() + " " + target.register().unit()
                + " (read " + stored.id() + ")" + suffix(note));
        return preview.explanation();
    }

    /**
     * Locks the exception with every other finding on the same read (in id order, so two clerks resolving findings of
     * one read wait for each other rather than deadlock) and refuses it when it is already resolved.
     */
    private ReadExceptionView claim(long id, String action) {
        Long readId = jdbc.sql("select read_id from metering.read_exception where id = ?").param(id)
                .query((rs, n) -> new Long[]{(Long) rs.getObject(1)}).optional()
                .orElseThrow(() -> new NotFoundException("read exception", id))[0];
        String status = jdbc.sql("""
                        select id, status from metering.read_exception where id = ? or read_id = ? order by id for update""")
                .params(id, readId == null ? -1L : readId)
                .query((rs, n) -> rs.getLong(1) == id ? rs.getString(2) : null).list().stream()
                .filter(java.util.Objects::nonNull).findFirst().orElseThrow();
        ReadExceptionView e = exception(id);
        if (!"OPEN".equals(status) && !"REREAD_REQUESTED".equals(status)) {
            throw new InvalidInputException("action", "cannot " + action + " exception " + id + ": it was already resolved ("
                    + status.toLowerCase() + (e.resolvedBy() == null ? "" : " by " + e.resolvedBy()) + ")");
        }
        return e;
    }

    private static void requireException(ReadView read, String what) {
        if (!"EXCEPTION".equals(read.status())) {
            throw new InvalidInputException("action", "read " + read.id() + " is " + read.status().toLowerCase() + " and cannot be " + what);
        }
    }

    private void replace(ReadView old) {
        jdbc.sql("update metering.register_read set status = 'REPLACED' where id = ?").param(old.id()).update();
        audit.changed("register_read", old.id(), null, "replaced", Map.of("status", old.status()), Map.of("status", "REPLACED"));
    }

    /** Sets the status of this exception and, for a read, of every other waiting finding on the same read. */
    private void update(ReadExceptionView e, String status, String resolution) {
        List<Map<String, Object>> before = jdbc.sql("""
                        select id, status from metering.read_exception
                         where (id = ? or read_id = ?) and status in ('OPEN', 'REREAD_REQUESTED') order by id""")
                .params(e.id(), e.missingRead() ? -1L : e.readId()).query().listOfRows();
        String text = resolution.length() > 2000 ? resolution.substring(0, 2000) : resolution;
        for (Map<String, Object> row : before) {
            long exceptionId = ((Number) row.get("id")).longValue();
            jdbc.sql("update metering.read_exception set status = ?, resolved_by = ?, resolved_at = ?, resolution = ? where id = ?")
                    .params(status, audit.currentActor(), Timestamp.from(clock.instant()), text, exceptionId).update();
            audit.changed("read_exception", exceptionId, null, status.toLowerCase().replace('_', ' '),
                    Map.of("status", row.get("status")), Map.of("status", status, "resolution", text));
        }
    }

    private static String suffix(String note) {
        return note == null || note.isBlank() ? "" : ": " + note.trim();
    }

    // ---- missing reads ----------------------------------------------------------------------------------------------

    /**
     * Opens a MISSING_READ exception for every meter in a cycle whose read date (in the cycle schedule) passed more
     * than {@code graceDays} before {@code today}, within the {@value #MISSING_READ_LOOKBACK_DAYS} days before that,
     * where the meter stood installed on the read date and has no read in the cycle's read window. Running it again
     * adds nothing (one exception per meter and read date). Returns how many it opened.
     */
    @Transactional
    public int findMissingReads(LocalDate today, int graceDays) {
        return missingReads.find(today, graceDays, MISSING_READ_LOOKBACK_DAYS);
    }
}
