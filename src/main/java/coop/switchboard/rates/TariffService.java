package coop.switchboard.rates;

import coop.switchboard.rates.file.TariffFiles;
import coop.switchboard.rates.file.TariffYaml;
import coop.switchboard.rates.file.UrdbTariff;
import coop.switchboard.shared.AuditLog;
import coop.switchboard.shared.InvalidInputException;
import coop.switchboard.shared.NotFoundException;
import coop.switchboard.shared.ServicePeriod;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Stores rate schedules and their versions (each version's components as YAML), audited; keeps versions that bills
 * used frozen; gives the rating engine prepared tariffs and quotes.
 */
@Service
public class TariffService {
    private final JdbcClient jdbc;
    private final AuditLog audit;
    private final Clock clock;
    private final Map<String, Cached> prepared = new ConcurrentHashMap<>();

    private record Cached(long revision, PreparedTariff tariff) {
    }

    /** What an import did with each version. */
    public record ImportResult(String code, List<String> added, List<String> changed, List<String> unchanged) {
    }

    TariffService(JdbcClient jdbc, AuditLog audit, Clock clock) {
        this.jdbc = jdbc;
        this.audit = audit;
        this.clock = clock;
    }

    /** Every schedule, by code, with the version in effect on {@code day}. */
    public List<TariffSummary> schedules(LocalDate day) {
        return jdbc.sql("""
                        select s.code, s.name, s.service, s.rate_class, s.description,
                               (select max(effective) from rates.tariff_version v where v.schedule_code = s.code and v.effective <= :day) as current_effective,
                               (select min(effective) from rates.tariff_version v where v.schedule_code = s.code and v.effective > :day) as next_effective,
                               (select count(*) from rates.tariff_version v where v.schedule_code = s.code) as versions
                          from rates.rate_schedule s order by s.code""")
                .param("day", day)
                .query((rs, n) -> new TariffSummary(rs.getString("code"), rs.getString("name"), rs.getString("service"),
                        rs.getString("rate_class"), rs.getString("description"), rs.getObject("current_effective", LocalDate.class),
                        rs.getObject("next_effective", LocalDate.class), rs.getInt("versions")))
                .list();
    }

    public boolean exists(String code) {
        return jdbc.sql("select count(*) from rates.rate_schedule where code = ?").param(code).query(Integer.class).single() > 0;
    }

    /** The schedule with all its versions. */
    public Tariff tariff(String code) {
        return find(code).orElseThrow(() -> new NotFoundException("rate schedule", code));
    }

    public Optional<Tariff> find(String code) {
        Optional<Map<String, Object>> schedule = jdbc.sql("select * from rates.rate_schedule where code = ?").param(code)
                .query().listOfRows().stream().findFirst();
        if (schedule.isEmpty()) {
            return Optional.empty();
        }
        Map<String, Object> s = schedule.get();
        List<TariffVersion> versions = new ArrayList<>();
        for (VersionRecord v : versions(code)) {
            versions.add(TariffYaml.readVersion(v.body()));
        }
        return Optional.of(new Tariff(code, (String) s.get("name"), coop.switchboard.shared.ServiceType.valueOf((String) s.get("service")),
                (String) s.get("rate_class"), (String) s.get("description"), versions));
    }

    /** The schedule's stored versions, oldest first. */
    public List<VersionRecord> versions(String code) {
        return jdbc.sql("select * from rates.tariff_version where schedule_code = ? order by effective").param(code)
                .query((rs, n) -> new VersionRecord(rs.getLong("id"), rs.getString("schedule_code"), rs.getObject("effective", LocalDate.class),
                        rs.getString("notes"), rs.getString("body"), rs.getString("created_by"), instant(rs.getTimestamp("created_at")),
                        rs.getString("updated_by"), instant(rs.getTimestamp("updated_at")), instant(rs.getTimestamp("first_billed_at"))))
                .list();
    }

    private static Instant instant(Timestamp t) {
        return t == null ? null : t.toInstant();
    }

    /** The schedule ready for rating; re-read when any process changed it since. */
    public PreparedTariff prepared(String code) {
        Long revision = jdbc.sql("select revision from rates.rate_schedule where code = ?").param(code).query(Long.class).optional()
                .orElseThrow(() -> new NotFoundException("rate schedule", code));
        Cached cached = prepared.get(code);
        if (cached == null || cached.revision() != revision) {
            cached = new Cached(revision, PreparedTariff.of(tariff(code)));
            prepared.put(code, cached);
        }
        return cached.tariff();
    }

    /** Rates a period on a schedule, as the console's calculator and {@code POST /api/v1/rates/quote} do. */
    public RatedBill quote(String code, ServicePeriod period, Usage usage, AccountAttributes account) {
        return prepared(code).rate(period, usage, account, RatingHistory.NONE);
    }

    /** What importing a file did, and for a URDB record the report on each of its fields. */
    public record FileImport(List<ImportResult> results, String urdbReport) {
    }

    /** Imports a tariff file's text: Switchboard YAML (one schedule or several) or an OpenEI URDB JSON record. */
    @Transactional
    public FileImport importFile(String text, String renameTo) {
        TariffFiles.Read read = TariffFiles.read(text);
        List<Tariff> list = new ArrayList<>(read.tariffs());
        if (renameTo != null && !renameTo.isBlank()) {
            if (list.size() != 1) {
                throw new InvalidInputException("code", "a new code renames a single schedule; the file holds " + list.size());
            }
            Tariff t = list.getFirst();
            list.set(0, new Tariff(renameTo.trim(), t.name(), t.service(), t.rateClass(), t.description(), t.versions()));
        }
        return new FileImport(importTariffs(list), read.urdbNotes().isEmpty() ? "" : UrdbTariff.describe(read.urdbNotes()));
    }

    /**
     * Answers a rate question, checking every field first: each problem is named by its field
     * ({@code schedule}, {@code to}, {@code kWh} ...); usage a component needs but was not given is named too.
     */
    public RatedBill quote(QuoteRequest q) {
        List<InvalidInputException.Violation> errors = new ArrayList<>();
        if (q.schedule() == null || q.schedule().isBlank()) {
            errors.add(new InvalidInputException.Violation("schedule", "choose a rate schedule"));
        } else if (!exists(q.schedule())) {
            errors.add(new InvalidInputException.Violation("schedule", "there is no rate schedule " + q.schedule()));
        }
        if (q.from() == null) {
            errors.add(new InvalidInputException.Violation("from", "is required (the first day of service)"));
        }
        if (q.to() == null) {
            errors.add(new InvalidInputException.Violation("to", "is required (the next read date, not billed itself)"));
        } else if (q.from() != null && !q.to().isAfter(q.from())) {
            errors.add(new InvalidInputException.Violation("to", "must be after from"));
        } else if (q.from() != null && q.to().isAfter(q.from().plusDays(400))) {
            errors.add(new InvalidInputException.Violation("to", "a period is at most 400 days"));
        }
        Map<Measure, coop.switchboard.shared.Quantity> totals = new java.util.EnumMap<>(Measure.class);
        quantity(errors, totals, Measure.KWH, "kWh", q.kwh(), true);
        quantity(errors, totals, Measure.KW, "kW", q.kw(), false);
        quantity(errors, totals, Measure.KVARH, "kvarh", q.kvarh(), false);
        quantity(errors, totals, Measure.GALLONS, "gallons", q.gallons(), false);
        quantity(errors, totals, Measure.CCF, "ccf", q.ccf(), false);
        Map<String, coop.switchboard.shared.Quantity> kwhByPeriod = byPeriod(errors, "kwhByPeriod", q.kwhByPeriod());
        Map<String, coop.switchboard.shared.Quantity> kwByPeriod = byPeriod(errors, "kwByPeriod", q.kwByPeriod());
        if (q.fixtures() != null) {
            q.fixtures().forEach((type, count) -> {
                if (count == null || count < 0 || count > 10_000) {
                    errors.add(new InvalidInputException.Violation("fixtures." + type, "must be a count from 0 to 10,000"));
                }
            });
        }
        if (!errors.isEmpty()) {
            throw new InvalidInputException(errors);
        }
        AccountAttributes account = new AccountAttributes(q.exemptions() == null ? java.util.Set.of() : new java.util.HashSet<>(q.exemptions()),
                q.meterSize() == null || q.meterSize().isBlank() ? null : q.meterSize().trim(), q.fixtures());
        try {
            return prepared(q.schedule()).rate(new ServicePeriod(q.from(), q.to()), new Usage(totals, kwhByPeriod, kwByPeriod, null),
                    account, RatingHistory.NONE);
        } catch (RatingException e) {
            throw new InvalidInputException(fieldFor(e.getMessage()), e.getMessage());
        }
    }

    private static String fieldFor(String message) {
        if (message.contains("meter size")) {
            return "meterSize";
        }
        if (message.contains("fixture")) {
            return "fixtures";
        }
        if (message.contains("for each period")) {
            return message.contains("demand") ? "kwByPeriod" : "kwhByPeriod";
        }
        for (String unit : List.of("kWh", "kW", "kvarh", "gal", "ccf")) {
            if (message.contains("a " + unit + " ")) {
                return unit.equals("gal") ? "gallons" : unit;
            }
        }
        return "usage";
    }

    private static void quantity(List<InvalidInputException.Violation> errors, Map<Measure, coop.switchboard.shared.Quantity> totals,
                                 Measure measure, String field, java.math.BigDecimal value, boolean kwh) {
        if (value == null) {
            return;
        }
        if (value.signum() < 0) {
            errors.add(new InvalidInputException.Violation(field, "must not be negative"));
        } else if (value.stripTrailingZeros().scale() > 4) {
            errors.add(new InvalidInputException.Violation(field, "has more than 4 decimals"));
        } else if (value.compareTo(java.math.BigDecimal.valueOf(1_000_000_000L)) > 0) {
            errors.add(new InvalidInputException.Violation(field, "is more than 1,000,000,000"));
        } else {
            totals.put(measure, new coop.switchboard.shared.Quantity(value));
        }
    }

    private static Map<String, coop.switchboard.shared.Quantity> byPeriod(List<InvalidInputException.Violation> errors, String field,
                                                                           Map<String, java.math.BigDecimal> values) {
        Map<String, coop.switchboard.shared.Quantity> result = new LinkedHashMap<>();
        if (values != null) {
            values.forEach((name, v) -> {
                if (v == null) {
                    return;
                }
                if (v.signum() < 0 || v.stripTrailingZeros().scale() > 4) {
                    errors.add(new InvalidInputException.Violation(field + "." + name, "must be a non-negative number with at most 4 decimals"));
                } else {
                    result.put(name, new coop.switchboard.shared.Quantity(v));
                }
            });
        }
        return result;
    }

    /** A version as the tariff file writes it (what the console's editor shows and saves back unchanged). */
    public String versionYaml(TariffVersion version) {
        return TariffYaml.writeVersion(version);
    }

    /** The line each field path of a tariff text starts on, so an error named by its path can point at a line. */
    public Map<String, Integer> fieldLines(String text) {
        return TariffYaml.fieldLines(text);
    }

    /** A version's components as a plain structure (maps and lists), the same shape as the tariff file. */
    public Map<String, Object> document(TariffVersion version) {
        return TariffYaml.versionMap(version);
    }

    /**
     * Imports tariffs: new schedules and versions are added, versions whose components differ are replaced unless a
     * bill has used them (then the whole import is refused, naming the version), identical ones are left alone.
     */
    @Transactional
    public List<ImportResult> importTariffs(List<Tariff> tariffs) {
        List<ImportResult> results = new ArrayList<>();
        for (Tariff t : tariffs) {
            results.add(importTariff(t));
        }
        return results;
    }

    private ImportResult importTariff(Tariff t) {
        Instant now = clock.instant();
        boolean known = exists(t.code());
        if (!known) {
            jdbc.sql("""
                    insert into rates.rate_schedule (code, name, service, rate_class, description, created_at, updated_at)
                    values (?, ?, ?, ?, ?, ?, ?)""")
                    .params(t.code(), t.name(), t.service().name(), t.rateClass(), t.description(), Timestamp.from(now), Timestamp.from(now))
                    .update();
            audit.changed("rate_schedule", 0, null, "created", Map.of(), Map.of("code", t.code(), "name", t.name()));
        } else {
            jdbc.sql("update rates.rate_schedule set name = ?, service = ?, rate_class = ?, description = ?, updated_at = ? where code = ?")
                    .params(t.name(), t.service().name(), t.rateClass(), t.description(), Timestamp.from(now), t.code()).update();
        }
        Map<LocalDate, VersionRecord> existing = new LinkedHashMap<>();
        versions(t.code()).forEach(v -> existing.put(v.effective(), v));
        List<String> added = new ArrayList<>();
        List<String> changed = new ArrayList<>();
        List<String> unchanged = new ArrayList<>();
        for (int i = 0; i < t.versions().size(); i++) {
            TariffVersion v = t.versions().get(i);
            String body = TariffYaml.writeVersion(v);
            VersionRecord old = existing.get(v.effective());
            if (old == null) {
                insertVersion(t.code(), v, body, now);
                added.add(v.effective().toString());
            } else if (TariffYaml.readVersion(old.body()).equals(v)) {
                unchanged.add(v.effective().toString());
            } else {
                if (old.frozen()) {
                    throw new InvalidInputException(t.code() + ".versions[" + i + "]", "version " + v.effective()
                            + " has been used on bills since " + old.firstBilledAt() + " and cannot change; give the change a later effective date");
                }
                updateVersion(old, v, body, now);
                changed.add(v.effective().toString());
            }
        }
        bump(t.code());
        return new ImportResult(t.code(), added, changed, unchanged);
    }

    /**
     * Saves one version from the console's editor: a new one ({@code replacing} null) or an edit of an unused one.
     * The YAML is checked in full; every problem is named by its field.
     */
    @Transactional
    public VersionRecord saveVersion(String code, LocalDate replacing, String yaml) {
        if (!exists(code)) {
            throw new NotFoundException("rate schedule", code);
        }
        TariffVersion version = TariffYaml.readVersion(yaml);
        Instant now = clock.instant();
        List<VersionRecord> stored = versions(code);
        for (VersionRecord r : stored) {
            if (r.effective().equals(version.effective()) && !r.effective().equals(replacing)) {
                throw new InvalidInputException("effective", code + " already has a version effective " + version.effective()
                        + (r.frozen() ? " (used on bills)" : "; edit that version instead"));
            }
        }
        String body = TariffYaml.writeVersion(version);
        if (replacing == null) {
            insertVersion(code, version, body, now);
        } else {
            VersionRecord old = stored.stream().filter(r -> r.effective().equals(replacing)).findFirst()
                    .orElseThrow(() -> new NotFoundException("tariff version", code + " " + replacing));
            if (old.frozen()) {
                throw new InvalidInputException("effective", "version " + replacing + " has been used on bills and cannot change;"
                        + " save the change as a new version with a later effective date");
            }
            updateVersion(old, version, body, now);
        }
        bump(code);
        return versions(code).stream().filter(r -> r.effective().equals(version.effective())).findFirst().orElseThrow();
    }

    /** Marks the versions a bill was rated on as used: from now on they never change. Billing calls this as it issues a bill. */
    @Transactional
    public void markBilled(String code, List<LocalDate> effectiveDates) {
        for (LocalDate d : effectiveDates) {
            jdbc.sql("update rates.tariff_version set first_billed_at = ? where schedule_code = ? and effective = ? and first_billed_at is null")
                    .params(Timestamp.from(clock.instant()), code, d).update();
        }
    }

    /** The schedules as one YAML document (all when {@code codes} is empty). */
    public String exportYaml(List<String> codes) {
        List<Tariff> tariffs = new ArrayList<>();
        List<String> wanted = codes.isEmpty() ? schedules(LocalDate.now(clock)).stream().map(TariffSummary::code).toList() : codes;
        for (String code : wanted) {
            tariffs.add(tariff(code));
        }
        return TariffYaml.write(tariffs);
    }

    private void insertVersion(String code, TariffVersion v, String body, Instant now) {
        long id = jdbc.sql("""
                        insert into rates.tariff_version (schedule_code, effective, notes, body, created_by, created_at)
                        values (?, ?, ?, ?, ?, ?) returning id""")
                .params(code, v.effective(), v.notes(), body, audit.currentActor(), Timestamp.from(now))
                .query(Long.class).single();
        audit.changed("tariff_version", id, null, "created", Map.of(), Map.of("schedule", code, "effective", v.effective().toString(), "body", body));
    }

    private void updateVersion(VersionRecord old, TariffVersion v, String body, Instant now) {
        jdbc.sql("update rates.tariff_version set effective = ?, notes = ?, body = ?, updated_by = ?, updated_at = ? where id = ?")
                .params(v.effective(), v.notes(), body, audit.currentActor(), Timestamp.from(now), old.id()).update();
        audit.changed("tariff_version", old.id(), null, "updated",
                Map.of("effective", old.effective().toString(), "body", old.body()),
                Map.of("effective", v.effective().toString(), "body", body));
    }

    private void bump(String code) {
        jdbc.sql("update rates.rate_schedule set revision = revision + 1 where code = ?").param(code).update();
    }
}
