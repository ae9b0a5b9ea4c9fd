package coop.switchboard.metering;

import coop.switchboard.metering.validation.Finding;
import coop.switchboard.metering.validation.ReadValidator;
import coop.switchboard.metering.validation.Rule;
import coop.switchboard.shared.AuditLog;
import coop.switchboard.shared.InvalidInputException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * Finds the cycle reads that never came: per cycle read date past its grace period, one set-based insert of a
 * MISSING_READ exception for each meter of the cycle installed that day with no read in the read window and no such
 * exception yet. The caller holds the transaction.
 */
@Component
class MissingReads {
    private final JdbcClient jdbc;
    private final AuditLog audit;
    private final Clock clock;
    private final ReadValidator validator = new ReadValidator();

    MissingReads(JdbcClient jdbc, AuditLog audit, Clock clock) {
        this.jdbc = jdbc;
        this.audit = audit;
        this.clock = clock;
    }

    private record Due(int cycle, LocalDate readDate, LocalDate windowFrom, LocalDate windowTo) {
    }

    int find(LocalDate today, int graceDays, int lookbackDays) {
        if (today == null) {
            throw new InvalidInputException("today", "is required");
        }
        if (graceDays < 0 || graceDays > 60) {
            throw new InvalidInputException("graceDays", "must be from 0 to 60 days");
        }
        // One search at a time (several nodes, or a double click): the "none yet" test below must see the other's rows.
        jdbc.sql("select pg_advisory_xact_lock(hashtext('metering.missing_reads'))").query().listOfRows();
        LocalDate latest = today.minusDays(graceDays + 1L);
        List<Due> due = jdbc.sql("""
                        select cycle_number, read_date, window_from, window_to from metering.cycle_schedule
                         where read_date <= ? and read_date > ? order by read_date, cycle_number""")
                .params(latest, latest.minusDays(lookbackDays))
                .query((rs, n) -> new Due(rs.getInt(1), rs.getObject(2, LocalDate.class), rs.getObject(3, LocalDate.class),
                        rs.getObject(4, LocalDate.class)))
                .list();
        Timestamp now = Timestamp.from(clock.instant());
        int created = 0;
        for (Due d : due) {
            Finding finding = validator.missingRead(d.readDate(), today, graceDays);
            if (finding == null) {
                continue;
            }
            created += jdbc.sql("""
                            insert into metering.read_exception (read_id, expected_on, meter_id, rule, message, created_at)
                            select null, ?, m.id, ?, ?, ?
                              from metering.meter m
                             where m.cycle_number = ?
                               and exists (select 1 from metering.meter_installation i where i.meter_id = m.id
                                             and i.installed_on <= ? and (i.removed_on is null or i.removed_on >= ?))
                               and not exists (select 1 from metering.register_read r where r.meter_id = m.id
                                                 and r.read_date between ? and ? and r.status <> 'REJECTED')
                               and not exists (select 1 from metering.read_exception x where x.meter_id = m.id
                                                 and x.rule = ? and x.expected_on = ?)""")
                    .params(d.readDate(), Rule.MISSING_READ.name(), finding.message(), now, d.cycle(), d.readDate(), d.readDate(),
                            d.windowFrom(), d.windowTo(), Rule.MISSING_READ.name(), d.readDate())
                    .update();
        }
        if (created > 0) {
            audit.changed("read_exception", 0, null, "missing reads found", null,
                    Map.of("created", created, "today", today.toString(), "graceDays", graceDays));
        }
        return created;
    }
}
