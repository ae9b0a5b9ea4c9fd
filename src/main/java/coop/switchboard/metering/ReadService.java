package coop.switchboard.metering;

import coop.switchboard.shared.AuditLog;
import coop.switchboard.shared.InvalidInputException;
import coop.switchboard.shared.NotFoundException;
import coop.switchboard.shared.ServiceType;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Register reads: entered in the console, posted by the API, or imported from files. Each read is checked field by
 * field before anything is saved, stored once (a repeat of the same read is the same read), given its usage since the
 * read before, and run through validation; a read that fails a rule waits in the exceptions queue.
 */
@Service
public class ReadService {
    static final RowMapper<MeterRecord> METER = (rs, n) -> new MeterRecord(rs.getLong("id"), rs.getString("meter_number"),
            ServiceType.valueOf(rs.getString("service_type")), rs.getString("kind"), rs.getBigDecimal("multiplier"), rs.getInt("dials"),
            rs.getBoolean("ami"), rs.getBoolean("net_metered"), rs.getBigDecimal("rating_kw"), (Integer) rs.getObject("cycle_number"),
            rs.getString("route_code"));
    private final JdbcClient jdbc;
    private final AuditLog audit;
    private final Clock clock;
    private final ReadChecks checks;

    ReadService(JdbcClient jdbc, AuditLog audit, Clock clock, ReadChecks checks) {
        this.jdbc = jdbc;
        this.audit = audit;
        this.clock = clock;
        this.checks = checks;
    }

    public Optional<MeterRecord> meter(String meterNumber) {
        return jdbc.sql("select * from metering.meter where meter_number = ?").param(meterNumber).query(METER).optional();
    }

    public MeterRecord meter(long meterId) {
        return jdbc.sql("select * from metering.meter where id = ?").param(meterId).query(METER).optional()
                .orElseThrow(() -> new NotFoundException("meter", meterId));
    }

    /** Checks, stores and validates one read; throws {@link InvalidInputException} naming each bad field, saving nothing. */
    @Transactional
    public ReadView record(NewRead read) {
        MeterRecord meter = checkRead(read, "");
        return store(meter, read, null, null).view();
    }

    /**
     * Checks a read's fields (each problem named by {@code prefix + field}) and returns its meter. Nothing is written.
     */
    MeterRecord checkRead(NewRead read, String prefix) {
        List<InvalidInputException.Violation> errors = new ArrayList<>();
        MeterRecord meter = null;
        if (read.meterNumber() == null || read.meterNumber().isBlank()) {
            errors.add(new InvalidInputException.Violation(prefix + "meterNumber", "is required"));
        } else {
            meter = meter(read.meterNumber().trim()).orElse(null);
            if (meter == null) {
                errors.add(new InvalidInputException.Violation(prefix + "meterNumber", "there is no meter " + read.meterNumber().trim()));
            }
        }
        if (read.register() == null) {
            errors.add(new InvalidInputException.Violation(prefix + "register", "is required"));
        } else if (meter != null && !meter.has(read.register())) {
            errors.add(new InvalidInputException.Violation(prefix + "register", "meter " + meter.meterNumber() + " ("
                    + meter.serviceType().name().toLowerCase() + (meter.netMetered() ? ", net metered" : "") + ") has no "
                    + read.register().unit() + " register"));
        }
        LocalDate today = LocalDate.now(clock);
        if (read.readDate() == null) {
            errors.add(new InvalidInputException.Violation(prefix + "readDate", "is required"));
        } else if (read.readDate().isAfter(today)) {
            errors.add(new InvalidInputException.Violation(prefix + "readDate", "is in the future (" + read.readDate() + ")"));
        } else if (meter != null && !installedOn(meter.id(), read.readDate())) {
            errors.add(new InvalidInputException.Violation(prefix + "readDate", "meter " + meter.meterNumber() + " was not installed on " + read.readDate()));
        }
        if (read.reading() == null) {
            errors.add(new InvalidInputException.Violation(prefix + "reading", "is required"));
        } else if (read.reading().signum() < 0) {
            errors.add(new InvalidInputException.Violation(prefix + "reading", "must not be negative"));
        } else if (read.reading().stripTrailingZeros().scale() > 4) {
            errors.add(new InvalidInputException.Violation(prefix + "reading", "has more than 4 decimals"));
        } else if (meter != null && read.register() != null && read.register().cumulative()
                && read.reading().compareTo(Dials.range(meter.dials())) >= 0) {
            errors.add(new InvalidInputException.Violation(prefix + "reading", read.reading().toPlainString() + " does not fit on the meter's "
                    + meter.dials() + " dials (at most " + Dials.range(meter.dials()).subtract(BigDecimal.ONE) + ")"));
        }
        if (read.type() == null) {
            errors.add(new InvalidInputException.Violation(prefix + "type", "is required"));
        }
        if (read.source() == null) {
            errors.add(new InvalidInputException.Violation(prefix + "source", "is required"));
        }
        if (!errors.isEmpty()) {
            throw new InvalidInputException(errors);
        }
        return meter;
    }

    private boolean installedOn(long meterId, LocalDate day) {
        return jdbc.sql("""
                select count(*) from metering.meter_installation
                 where meter_id = ? and installed_on <= ? and (removed_on is null or removed_on >= ?)""")
                .params(meterId, day, day).query(Integer.class).single() > 0;
    }

    /** A read stored, and whether it is new (false: the same read was there already). */
    record Stored(ReadView view, boolean added) {
    }

    /** Stores a checked read (once: a repeat returns the read already stored) and validates it. */
    Stored store(MeterRecord meter, NewRead read, Long importId, Long replaces) {
        Instant at = read.readAt() != null ? read.readAt() : read.readDate().atTime(LocalTime.NOON).atZone(clock.getZone()).toInstant();
        Optional<Long> existing = jdbc.sql("""
                        select id from metering.register_read where meter_id = ? and register = ? and read_at = ? and read_type = ?
                           and status <> 'REPLACED' and status <> 'REJECTED'""")
                .params(meter.id(), read.register().name(), Timestamp.from(at), read.type().name()).query(Long.class).optional();
        if (existing.isPresent()) {
            return new Stored(view(existing.get()), false);
        }
        long id = jdbc.sql("""
                        insert into metering.register_read (meter_id, register, read_date, read_at, reading, read_type, source, reader,
                                                            replaces_id, reason, import_id, created_by, created_at)
                        values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) returning id""")
                .params(meter.id(), read.register().name(), read.readDate(), Timestamp.from(at), read.reading(), read.type().name(),
                        read.source().name(), blankToNull(read.reader()), replaces, blankToNull(read.note()), importId,
                        audit.currentActor(), Timestamp.from(clock.instant()))
                .query(Long.class).single();
        checks.validate(meter, id);
        return new Stored(view(id), true);
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }

    /** One read with its usage since the previous valid read of the same register. */
    public ReadView view(long readId) {
        List<ReadView> reads = query("where r.id = ?", readId);
        if (reads.isEmpty()) {
            throw new NotFoundException("read", readId);
        }
        return reads.getFirst();
    }

    /** A meter's reads, newest first (all registers), with usage and open findings. */
    public List<ReadView> reads(long meterId, int limit) {
        return query("where r.meter_id = ? order by r.read_at desc, r.id desc limit " + Math.max(1, Math.min(limit, 1000)), meterId);
    }

    private List<ReadView> query(String where, Object param) {
        return jdbc.sql("""
                        select r.*, m.meter_number, m.dials, m.multiplier,
                               (select p.reading from metering.register_read p
                                 where p.meter_id = r.meter_id and p.register = r.register and p.status = 'VALID'
                                   and (p.read_at, p.id) < (r.read_at, r.id) and r.read_type <> 'INITIAL'
                                 order by p.read_at desc, p.id desc limit 1) as previous,
                               (select coalesce(array_agg(e.message order by e.id), '{}') from metering.read_exception e
                                 where e.read_id = r.id and e.status in ('OPEN', 'REREAD_REQUESTED')) as findings
                          from metering.register_read r join metering.meter m on m.id = r.meter_id
                        """ + where)
                .param(param)
                .query((rs, n) -> {
                    Register register = Register.valueOf(rs.getString("register"));
                    BigDecimal previous = rs.getBigDecimal("previous");
                    BigDecimal reading = rs.getBigDecimal("reading");
                    BigDecimal usage = null;
                    boolean rolled = false;
                    if (previous != null && register.cumulative()) {
                        rolled = Dials.rolledOver(previous, reading, rs.getInt("dials"));
                        usage = Dials.usage(previous, reading, rs.getInt("dials"), rs.getBigDecimal("multiplier"));
                    }
                    String[] findings = (String[]) rs.getArray("findings").getArray();
                    return new ReadView(rs.getLong("id"), rs.getLong("meter_id"), rs.getString("meter_number"), register,
                            rs.getObject("read_date", LocalDate.class), rs.getTimestamp("read_at").toInstant(), reading,
                            ReadType.valueOf(rs.getString("read_type")), ReadSource.valueOf(rs.getString("source")), rs.getString("reader"),
                            rs.getString("status"), usage, rolled, rs.getString("reason"), List.of(findings));
                }).list();
    }

    /** What an exchange did: the two reads, and where the new meter now stands. */
    public record ExchangeResult(ReadView removal, ReadView install, long servicePointId) {
    }

    /**
     * Exchanges a meter: removal read on the old meter, its installation ended, the new meter installed on the same
     * service point the same day with its install read. Every field is checked first; nothing is saved on a problem.
     */
    @Transactional
    public ExchangeResult exchange(MeterExchange x) {
        List<InvalidInputException.Violation> errors = new ArrayList<>();
        MeterRecord old = null;
        Long pointId = null;
        LocalDate installedOn = null;
        if (x.oldMeterNumber() == null || x.oldMeterNumber().isBlank()) {
            errors.add(new InvalidInputException.Violation("oldMeterNumber", "is required"));
        } else {
            old = meter(x.oldMeterNumber().trim()).orElse(null);
            if (old == null) {
                errors.add(new InvalidInputException.Violation("oldMeterNumber", "there is no meter " + x.oldMeterNumber().trim()));
            } else {
                var current = jdbc.sql("select service_point_id, installed_on from metering.meter_installation where meter_id = ? and removed_on is null")
                        .param(old.id()).query((rs, n) -> new Object[]{rs.getLong(1), rs.getObject(2, LocalDate.class)}).optional();
                if (current.isEmpty()) {
                    errors.add(new InvalidInputException.Violation("oldMeterNumber", "meter " + old.meterNumber() + " is not installed anywhere"));
                } else {
                    pointId = (Long) current.get()[0];
                    installedOn = (LocalDate) current.get()[1];
                }
            }
        }
        if (x.date() == null) {
            errors.add(new InvalidInputException.Violation("date", "is required"));
        } else if (x.date().isAfter(LocalDate.now(clock))) {
            errors.add(new InvalidInputException.Violation("date", "is in the future"));
        } else if (installedOn != null && x.date().isBefore(installedOn)) {
            errors.add(new InvalidInputException.Violation("date", "is before the old meter was installed (" + installedOn + ")"));
        }
        Register register = old == null ? Register.KWH : old.serviceType() == coop.switchboard.shared.ServiceType.WATER ? Register.GALLONS : Register.KWH;
        checkReading(errors, "removalReading", x.removalReading(), old == null ? 12 : old.dials());
        MeterRecord replacement = null;
        boolean create = false;
        if (x.newMeterNumber() == null || x.newMeterNumber().isBlank()) {
            errors.add(new InvalidInputException.Violation("newMeterNumber", "is required"));
        } else if (old != null && x.newMeterNumber().trim().equals(old.meterNumber())) {
            errors.add(new InvalidInputException.Violation("newMeterNumber", "is the meter being removed"));
        } else {
            replacement = meter(x.newMeterNumber().trim()).orElse(null);
            if (replacement == null) {
                create = true;
                if (x.newKind() == null || x.newKind().isBlank()) {
                    errors.add(new InvalidInputException.Violation("newKind", "meter " + x.newMeterNumber().trim()
                            + " is not in stock; give its kind and dials to add it"));
                }
                if (x.newDials() == null || x.newDials() < 1 || x.newDials() > 12) {
                    errors.add(new InvalidInputException.Violation("newDials", "must be from 1 to 12"));
                }
                if (x.newMultiplier() != null && x.newMultiplier().signum() <= 0) {
                    errors.add(new InvalidInputException.Violation("newMultiplier", "must be more than 0"));
                }
            } else if (jdbc.sql("select count(*) from metering.meter_installation where meter_id = ? and removed_on is null")
                    .param(replacement.id()).query(Integer.class).single() > 0) {
                errors.add(new InvalidInputException.Violation("newMeterNumber", "meter " + replacement.meterNumber() + " is installed elsewhere"));
            } else if (old != null && replacement.serviceType() != old.serviceType()) {
                errors.add(new InvalidInputException.Violation("newMeterNumber", "meter " + replacement.meterNumber() + " is a "
                        + replacement.serviceType().name().toLowerCase() + " meter"));
            }
        }
        checkReading(errors, "installReading", x.installReading(), replacement != null ? replacement.dials() : x.newDials() == null ? 12 : x.newDials());
        if (!errors.isEmpty()) {
            throw new InvalidInputException(errors);
        }
        if (create) {
            long id = jdbc.sql("""
                            insert into metering.meter (meter_number, service_type, kind, multiplier, dials, ami, cycle_number, route_code, created_at)
                            values (?, ?, ?, ?, ?, ?, ?, ?, ?) returning id""")
                    .params(x.newMeterNumber().trim(), old.serviceType().name(), x.newKind().trim(),
                            x.newMultiplier() == null ? BigDecimal.ONE : x.newMultiplier(), x.newDials(), Boolean.TRUE.equals(x.newAmi()),
                            old.cycleNumber(), old.routeCode(), Timestamp.from(clock.instant()))
                    .query(Long.class).single();
            replacement = meter(id);
        } else {
            jdbc.sql("update metering.meter set cycle_number = coalesce(cycle_number, ?), route_code = coalesce(route_code, ?) where id = ?")
                    .params(old.cycleNumber(), old.routeCode(), replacement.id()).update();
        }
        String note = x.reason() == null || x.reason().isBlank() ? "meter exchange" : "meter exchange: " + x.reason().trim();
        ReadView removal = store(old, new NewRead(old.meterNumber(), register, x.date(), null, x.removalReading(), ReadType.REMOVAL,
                ReadSource.MANUAL, audit.currentActor(), note), null, null).view();
        jdbc.sql("update metering.meter_installation set removed_on = ? where meter_id = ? and removed_on is null").params(x.date(), old.id()).update();
        jdbc.sql("insert into metering.meter_installation (meter_id, service_point_id, installed_on) values (?, ?, ?)")
                .params(replacement.id(), pointId, x.date()).update();
        ReadView install = store(replacement, new NewRead(replacement.meterNumber(), register, x.date(), null, x.installReading(),
                ReadType.INITIAL, ReadSource.MANUAL, audit.currentActor(), note), null, null).view();
        audit.changed("meter_installation", replacement.id(), null, "exchanged",
                Map.of("meter", old.meterNumber(), "servicePointId", pointId),
                Map.of("meter", replacement.meterNumber(), "servicePointId", pointId, "date", x.date().toString(), "reason", note));
        return new ExchangeResult(removal, install, pointId);
    }

    private static void checkReading(List<InvalidInputException.Violation> errors, String field, BigDecimal reading, int dials) {
        if (reading == null) {
            errors.add(new InvalidInputException.Violation(field, "is required"));
        } else if (reading.signum() < 0) {
            errors.add(new InvalidInputException.Violation(field, "must not be negative"));
        } else if (reading.stripTrailingZeros().scale() > 4) {
            errors.add(new InvalidInputException.Violation(field, "has more than 4 decimals"));
        } else if (reading.compareTo(Dials.range(dials)) >= 0) {
            errors.add(new InvalidInputException.Violation(field, "does not fit on " + dials + " dials"));
        }
    }

    /** Records a change to a read for the audit trail. */
    void audited(long readId, long meterId, String action, Map<String, ?> before, Map<String, ?> after) {
        audit.changed("register_read", readId, null, action, before, after);
    }
}
