package coop.switchboard.agreements;

import coop.switchboard.metering.Dials;
import coop.switchboard.metering.InstalledMeterView;
import coop.switchboard.metering.MeterService;
import coop.switchboard.metering.NewRead;
import coop.switchboard.metering.ReadEstimates;
import coop.switchboard.metering.ReadService;
import coop.switchboard.metering.ReadSource;
import coop.switchboard.metering.ReadType;
import coop.switchboard.metering.ReadView;
import coop.switchboard.metering.Register;
import coop.switchboard.shared.AuditLog;
import coop.switchboard.shared.InputChecks;
import coop.switchboard.shared.InvalidInputException;
import coop.switchboard.shared.ServiceType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The move-in and move-out reads: which meter stands on the service point that day and which register counts its
 * use, the reading entered or estimated (checked first, naming the form's own fields), then stored through metering.
 * An estimate comes from the meter's history, except a move-in after a vacancy: nobody used anything, so it is the
 * last reading.
 */
@Component
class MoveReads {
    private final MeterService meters;
    private final ReadService reads;
    private final ReadEstimates estimates;
    private final AuditLog audit;
    private final JdbcClient jdbc;
    private final Clock clock;

    MoveReads(MeterService meters, ReadService reads, ReadEstimates estimates, AuditLog audit, JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.meters = meters;
        this.reads = reads;
        this.estimates = estimates;
        this.audit = audit;
        this.clock = clock;
    }

    /** A read ready to store, with the form fields its problems are reported on. */
    record Planned(InstalledMeterView meter, Register register, LocalDate date, BigDecimal reading, ReadType type,
                   ReadSource source, String reader, String note, String readingField, String dateField) {
    }

    /** The meter on the service point on that day: the one installed last when a meter was exchanged that day. */
    Optional<InstalledMeterView> meterOn(long servicePointId, LocalDate day) {
        return meters.installations(List.of(servicePointId)).stream()
                .filter(i -> !i.installedOn().isAfter(day) && (i.removedOn() == null || !i.removedOn().isBefore(day)))
                .max(Comparator.comparing(InstalledMeterView::installedOn));
    }

    /** The register a move read is taken on: the one the meter's reads count use on, else kWh or gallons. */
    Register mainRegister(InstalledMeterView meter) {
        return reads.reads(meter.meterId(), 12).stream().map(ReadView::register)
                .filter(r -> r.cumulative() && r != Register.KWH_RECEIVED).findFirst()
                .orElse(meter.serviceType() == ServiceType.WATER ? Register.GALLONS : Register.KWH);
    }

    /**
     * Checks the read for a start ({@code INITIAL}) or stop ({@code FINAL}) on {@code date} at the service point and
     * plans it; each problem goes into {@code checks} under {@code readingField} or {@code dateField}. Returns empty
     * for an unmetered service point, and when there is a problem.
     */
    Optional<Planned> plan(long servicePointId, LocalDate date, MoveRead read, ReadType kind, String readingField,
                           String dateField, InputChecks checks) {
        if (date == null) {
            return Optional.empty();
        }
        Optional<InstalledMeterView> installed = meterOn(servicePointId, date);
        if (installed.isEmpty()) {
            if (read != null && read.reading() != null) {
                checks.add(readingField, "cannot be taken: no meter stands on this service point on " + date);
            }
            return Optional.empty();
        }
        InstalledMeterView meter = installed.get();
        String what = kind == ReadType.INITIAL ? "move-in" : "final";
        if (date.isAfter(LocalDate.now(clock))) {
            checks.add(dateField, "is after today: meter " + meter.meterNumber() + " is read on the day, so a metered service is "
                    + (kind == ReadType.INITIAL ? "started" : "stopped") + " on or after the day its " + what + " read is taken");
            return Optional.empty();
        }
        if (read == null || !read.given()) {
            checks.add(readingField, "is required: meter " + meter.meterNumber() + " is on this service point (enter its reading or choose to estimate it)");
            return Optional.empty();
        }
        Register register = mainRegister(meter);
        String reader = blank(read.reader()) ? audit.currentActor() : read.reader().trim();
        String note = blank(read.note()) ? "" : " Note: " + read.note().trim();
        if (read.estimate()) {
            ReadEstimates.ReadEstimate estimate = estimates.estimateOn(meter.meterId(), register, date);
            if ("READ_THAT_DAY".equals(estimate.method())) {
                // Not an estimate at all: the meter was read that day (often the last occupant's final read).
                return Optional.of(new Planned(meter, register, date, estimate.reading(), kind, ReadSource.MANUAL, reader,
                        (kind == ReadType.INITIAL ? "Move-in read. " : "Final read. ") + estimate.explanation() + note, readingField, dateField));
            }
            Optional<ReadView> vacantSince = kind == ReadType.INITIAL ? vacantSince(servicePointId, meter, register, date) : Optional.empty();
            if (vacantSince.isPresent()) {
                ReadView last = vacantSince.get();
                String reading = last.reading().stripTrailingZeros().toPlainString();
                return Optional.of(new Planned(meter, register, date, last.reading(), ReadType.ESTIMATED, ReadSource.ESTIMATE, null,
                        "Move-in read, estimated at the member's request. Nobody was served here since the read of " + reading
                                + " on " + last.readDate() + ", so no use is counted while it stood vacant: the reading is " + reading + "." + note,
                        readingField, dateField));
            }
            if (!estimate.possible()) {
                checks.add(readingField, "cannot be estimated: " + estimate.problem());
                return Optional.empty();
            }
            String label = kind == ReadType.INITIAL ? "Move-in read, estimated at the member's request. " : "Final read, estimated at the member's request. ";
            return Optional.of(new Planned(meter, register, date, estimate.reading(), ReadType.ESTIMATED, ReadSource.ESTIMATE, null,
                    label + estimate.explanation() + note, readingField, dateField));
        }
        BigDecimal reading = read.reading();
        if (reading.signum() < 0) {
            checks.add(readingField, "must not be negative");
        } else if (reading.stripTrailingZeros().scale() > 4) {
            checks.add(readingField, "has more than 4 decimals");
        } else if (register.cumulative() && reading.compareTo(Dials.range(meter.dials())) >= 0) {
            checks.add(readingField, reading.toPlainString() + " does not fit on meter " + meter.meterNumber() + "'s " + meter.dials()
                    + " dials (at most " + Dials.range(meter.dials()).subtract(BigDecimal.ONE) + ")");
        } else {
            String label = kind == ReadType.INITIAL ? "Move-in read." : "Final read.";
            return Optional.of(new Planned(meter, register, date, reading, kind, ReadSource.MANUAL, reader, label + note,
                    readingField, dateField));
        }
        return Optional.empty();
    }

    /**
     * The meter's last valid read up to {@code date} when nobody was served at the service point from it until then:
     * a move-in after a vacancy is estimated at that reading rather than at the use of whoever lived there before.
     */
    private Optional<ReadView> vacantSince(long servicePointId, InstalledMeterView meter, Register register, LocalDate date) {
        Optional<ReadView> last = reads.reads(meter.meterId(), 24).stream()
                .filter(r -> r.register() == register && "VALID".equals(r.status()) && !r.readDate().isAfter(date)).findFirst();
        if (last.isEmpty()) {
            return Optional.empty();
        }
        boolean served = jdbc.sql("""
                        select count(*) from agreements.service_agreement
                         where service_point_id = ? and start_date < ? and (end_date is null or end_date > ?)""")
                .params(servicePointId, date, last.get().readDate()).query(Integer.class).single() > 0;
        return served ? Optional.empty() : last;
    }

    /** Stores a planned read; metering's own refusal is reported on the form's fields. */
    ReadView record(Planned p) {
        try {
            return reads.record(new NewRead(p.meter().meterNumber(), p.register(), p.date(), null, p.reading(), p.type(), p.source(),
                    p.reader(), p.note()));
        } catch (InvalidInputException e) {
            throw new InvalidInputException(e.violations().stream().map(v -> switch (v.field()) {
                case "readDate" -> new InvalidInputException.Violation(p.dateField(), v.message());
                case "reading" -> new InvalidInputException.Violation(p.readingField(), v.message());
                default -> new InvalidInputException.Violation(p.readingField(), v.field() + " " + v.message());
            }).toList());
        }
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
