package coop.switchboard.billing;

import coop.switchboard.ledger.EntryKind;
import coop.switchboard.ledger.GlAccounts;
import coop.switchboard.ledger.LedgerService;
import coop.switchboard.ledger.NewEntry;
import coop.switchboard.metering.Determinants;
import coop.switchboard.metering.PeriodDeterminants;
import coop.switchboard.metering.Register;
import coop.switchboard.platform.CopyLoader;
import coop.switchboard.platform.CopyRows;
import coop.switchboard.rates.AccountAttributes;
import coop.switchboard.rates.BillLine;
import coop.switchboard.rates.Measure;
import coop.switchboard.rates.PreparedTariff;
import coop.switchboard.rates.RatedBill;
import coop.switchboard.rates.RatingHistory;
import coop.switchboard.rates.TariffService;
import coop.switchboard.rates.Usage;
import coop.switchboard.shared.Money;
import coop.switchboard.shared.Quantity;
import coop.switchboard.shared.ServicePeriod;
import org.postgresql.PGConnection;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceUtils;
import org.springframework.stereotype.Component;

import javax.sql.DataSource;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Bills a slice of a bill run's accounts inside the caller's transaction, set-based: the accounts' agreements, where
 * each was last billed to, their determinants, rating, one bill per account with a segment per agreement, the
 * checks, ledger entries for the bills that go out, and the rows copied in. An agreement already billed for the
 * period is skipped, so a slice can be billed again after a crash without a second bill.
 */
@Component
class ChunkBiller {
    private final JdbcClient jdbc;
    private final DataSource dataSource;
    private final PeriodDeterminants determinants;
    private final TariffService tariffs;
    private final LedgerService ledger;
    private final BillingPolicy policy;
    private final BillChecks checks;
    private final Clock clock;
    private final ChunkReads reads;

    ChunkBiller(JdbcClient jdbc, DataSource dataSource, PeriodDeterminants determinants, TariffService tariffs, LedgerService ledger,
                BillingPolicy policy, Clock clock) {
        this.jdbc = jdbc;
        this.dataSource = dataSource;
        this.determinants = determinants;
        this.tariffs = tariffs;
        this.ledger = ledger;
        this.policy = policy;
        this.checks = new BillChecks(policy);
        this.clock = clock;
        this.reads = new ChunkReads(jdbc);
    }

    /** The run as billing a slice needs it. {@code previousReadDate} is the cycle's read date a month earlier, if scheduled. */
    record Run(Long id, int cycle, YearMonth period, LocalDate windowFrom, LocalDate windowTo, LocalDate readDate,
               LocalDate previousReadDate, LocalDate billDate, LocalDate dueDate, boolean finalBill) {
        Run(Long id, int cycle, YearMonth period, LocalDate windowFrom, LocalDate windowTo, LocalDate readDate,
            LocalDate previousReadDate, LocalDate billDate, LocalDate dueDate) {
            this(id, cycle, period, windowFrom, windowTo, readDate, previousReadDate, billDate, dueDate, false);
        }
    }

    record Outcome(int issued, int held) {
    }


    /** One agreement's part of a bill before it is written. */
    private record Draft(ChunkReads.Agreement agreement, LocalDate from, LocalDate to, RatedBill rated, Determinants determinants,
                         List<String> problems, int consecutiveEstimates, BigDecimal previousReading, BigDecimal presentReading) {
        Money charges() {
            return rated == null ? Money.ZERO : rated.total();
        }
    }

    Outcome bill(Run run, List<Long> accountIds) {
        return billLoaded(run, reads.agreements(accountIds, run.readDate()));
    }

    /** Bills these agreements (a final bill: agreements that ended on the run's read date) whatever their end date. */
    Outcome billAgreements(Run run, List<Long> agreementIds) {
        return billLoaded(run, reads.agreementsById(agreementIds));
    }

    private Outcome billLoaded(Run run, List<ChunkReads.Agreement> agreements) {
        if (agreements.isEmpty()) {
            return new Outcome(0, 0);
        }
        List<Long> agreementIds = agreements.stream().map(ChunkReads.Agreement::id).toList();
        Map<Long, LocalDate> billedTo = new HashMap<>();
        java.util.Set<Long> heldHere = new java.util.HashSet<>();
        reads.supersedeOrSkip(run.id(), agreementIds, billedTo, heldHere);
        Map<Long, Map<String, Integer>> fixtures = reads.fixtures(agreementIds);
        Map<Long, Map<YearMonth, Quantity>> demand = reads.demandHistory(agreementIds, run.readDate());

        List<ChunkReads.Agreement> due = new ArrayList<>(agreements.size());
        List<PeriodDeterminants.Request> requests = new ArrayList<>();
        for (ChunkReads.Agreement a : agreements) {
            LocalDate last = billedTo.get(a.id());
            if (heldHere.contains(a.id()) || (last != null && !last.isBefore(run.windowFrom()))) {
                continue; // billed for this period already (an earlier attempt of this run, or another run)
            }
            due.add(a);
            if (!"FIBER".equals(a.service())) {
                LocalDate start = startDay(a, last, run);
                requests.add(new PeriodDeterminants.Request(a.servicePointId(), start, last == null && start != null));
            }
        }
        Map<Long, PeriodDeterminants.Result> measured = determinants.forWindow(requests, run.windowFrom(), run.windowTo());

        Map<Long, List<Draft>> byAccount = new LinkedHashMap<>();
        Map<String, PreparedTariff> prepared = new HashMap<>(); // one revision check per schedule and chunk, not per agreement
        for (ChunkReads.Agreement a : due) {
            byAccount.computeIfAbsent(a.accountId(), k -> new ArrayList<>())
                    .add(draft(a, billedTo.get(a.id()), measured.get(a.servicePointId()), fixtures, demand, run, prepared));
        }
        return write(run, byAccount);
    }

    private static LocalDate startDay(ChunkReads.Agreement a, LocalDate last, Run run) {
        if (last != null) {
            return last;
        }
        // A service started recently begins at its move-in (initial) read; an older one at the read before the window.
        return a.start().isAfter(run.windowFrom().minusDays(40)) ? a.start() : null;
    }

    private Draft draft(ChunkReads.Agreement a, LocalDate last, PeriodDeterminants.Result measured, Map<Long, Map<String, Integer>> fixtures,
                        Map<Long, Map<YearMonth, Quantity>> demand, Run run, Map<String, PreparedTariff> prepared) {
        List<String> problems = new ArrayList<>();
        LocalDate from;
        LocalDate to;
        Usage usage;
        Determinants d = null;
        int estimates = 0;
        String size = null;
        BigDecimal previousReading = null;
        BigDecimal presentReading = null;
        if ("FIBER".equals(a.service())) {
            to = run.readDate();
            // Unmetered: from where the last bill ended, else the cycle's previous read date (or the start of service if later).
            from = last != null ? last : run.previousReadDate() != null && !a.start().isAfter(run.previousReadDate())
                    ? run.previousReadDate() : a.start();
            usage = Usage.of(Map.of());
        } else {
            d = measured.determinants();
            estimates = measured.consecutiveEstimates();
            size = measured.meterSize();
            previousReading = measured.previousReading();
            presentReading = measured.presentReading();
            from = d.from();
            to = d.to();
            problems.addAll(d.problems());
            Map<Measure, Quantity> totals = new EnumMap<>(Measure.class);
            d.totals().forEach((register, value) -> {
                Measure m = measure(register);
                if (m != null) {
                    totals.put(m, new Quantity(value));
                }
            });
            usage = Usage.of(totals);
        }
        if (!to.isAfter(from)) {
            problems.add("the period " + from + " to " + to + " has no days");
            to = from.plusDays(1);
        }
        RatedBill rated = null;
        if (problems.isEmpty()) {
            try {
                PreparedTariff tariff = prepared.computeIfAbsent(a.schedule(), tariffs::prepared);
                AccountAttributes attributes = new AccountAttributes(null, size, fixtures.get(a.id()));
                RatingHistory history = demand.containsKey(a.id()) ? new RatingHistory(demand.get(a.id()), Money.ZERO) : RatingHistory.NONE;
                rated = tariff.rate(new ServicePeriod(from, to), usage, attributes, history);
            } catch (RuntimeException e) {
                problems.add("could not rate " + a.schedule() + ": " + e.getMessage());
            }
        }
        return new Draft(a, from, to, rated, d, problems, estimates, previousReading, presentReading);
    }

    private static Measure measure(Register register) {
        return switch (register) {
            case KWH -> Measure.KWH;
            case KW -> Measure.KW;
            case KVARH -> Measure.KVARH;
            case GALLONS -> Measure.GALLONS;
            case CCF -> Measure.CCF;
            case KWH_RECEIVED -> null;
        };
    }

    // ---- writing ----------------------------------------------------------------------------------------------------

    private Outcome write(Run run, Map<Long, List<Draft>> byAccount) {
        if (byAccount.isEmpty()) {
            return new Outcome(0, 0);
        }
        List<Long> accounts = new ArrayList<>(byAccount.keySet());
        Map<Long, long[]> lastBill = reads.lastBills(accounts);
        // A plan applies to the bills made after the member enrolled, whatever period they cover.
        Map<Long, BudgetBilling.Plan> plans = reads.plans(accounts, LocalDate.now(clock));
        Map<Long, List<Money>> budgetHistory = reads.recentCharges(plans.keySet());
        Map<Long, Money> recent = reads.recentAverages(accounts);
        Map<Long, Long> after = new HashMap<>();
        for (Long account : accounts) {
            after.put(account, lastBill.containsKey(account) ? lastBill.get(account)[1] : 0L);
        }
        Map<Long, LedgerService.Activity> activity = ledger.activitySince(after);

        long[] billIds = ids("billing.bill", accounts.size());
        int segmentCount = byAccount.values().stream().mapToInt(List::size).sum();
        long[] segmentIds = ids("billing.bill_segment", segmentCount);
        String now = clock.instant().toString();
        CopyRows bills = new CopyRows("billing.bill", "id, account_id, run_id, bill_date, due_date, period_from, period_to, status, "
                + "previous_balance, payments, adjustments, current_charges, total_due, hold_reasons, ledger_through, created_at, "
                + "amount_due, budget_installment, budget_deferred",
                accounts.size() * 200);
        CopyRows segments = new CopyRows("billing.bill_segment", "id, bill_id, agreement_id, service_point_id, service, rate_schedule_code, "
                + "period_from, period_to, usage, usage_unit, maximum_kw, billing_kw, estimated, meter_number, previous_reading, present_reading, "
                + "charges, status",
                segmentCount * 160);
        CopyRows lines = new CopyRows("billing.bill_line", "bill_id, segment_id, seq, component, kind, description, quantity, unit, "
                + "unit_price, amount", segmentCount * 6 * 110);
        List<NewEntry> entries = new ArrayList<>(accounts.size() * 5);
        List<Long> issuedBills = new ArrayList<>();
        Map<Long, Long> billOfAccount = new HashMap<>();
        List<String[]> billRows = new ArrayList<>(); // deferred: ledger_through is known after posting
        int issued = 0;
        int held = 0;
        int nextBill = 0;
        int nextSegment = 0;
        for (Map.Entry<Long, List<Draft>> e : byAccount.entrySet()) {
            long account = e.getKey();
            long billId = billIds[nextBill++];
            List<Draft> drafts = e.getValue();
            Money current = Money.ZERO;
            List<BillChecks.Segment> checked = new ArrayList<>();
            LocalDate from = null;
            LocalDate to = null;
            int seq = 0;
            for (Draft d : drafts) {
                long segmentId = segmentIds[nextSegment++];
                current = current.plus(d.charges());
                checked.add(new BillChecks.Segment(d.agreement().schedule(), d.problems(), d.consecutiveEstimates()));
                from = from == null || d.from().isBefore(from) ? d.from() : from;
                to = to == null || d.to().isAfter(to) ? d.to() : to;
                segment(segments, segmentId, billId, d);
                if (d.rated() != null) {
                    for (BillLine line : d.rated().lines()) {
                        lines.add(billId).add(segmentId).add(++seq).add(line.component()).add(line.kind()).add(line.description());
                        if (line.quantity() == null) {
                            lines.addNull();
                        } else {
                            lines.raw(line.quantity().value().toPlainString());
                        }
                        lines.add(line.unit());
                        if (line.unitPrice() == null) {
                            lines.addNull();
                        } else {
                            lines.raw(line.unitPrice().value().toPlainString());
                        }
                        lines.raw(line.amount().amount().toPlainString()).end();
                    }
                }
            }
            // A final bill covers part of a month: comparing it with full months would hold every one.
            List<String> reasons = checks.reasons(current, checked, run.finalBill() ? null : recent.get(account));
            long[] last = lastBill.get(account);
            Money previous = last == null ? Money.ZERO : Money.ofCents(last[0]);
            LedgerService.Activity since = activity.get(account);
            Money payments = since == null ? Money.ZERO : since.payments();
            Money adjustments = since == null ? Money.ZERO : since.other();
            Money total = previous.plus(payments).plus(adjustments).plus(current);
            BudgetBilling.Plan plan = plans.get(account);
            BudgetBilling.Result budget = plan == null ? null : BudgetBilling.bill(plan, budgetHistory.getOrDefault(account, List.of()), current,
                    last == null ? Money.ZERO : Money.ofCents(last[2]), payments, last == null ? Money.ZERO : Money.ofCents(last[3]), total,
                    YearMonth.from(run.billDate()));
            boolean hold = !reasons.isEmpty();
            if (hold) {
                held++;
            } else {
                issued++;
                issuedBills.add(billId);
                billOfAccount.put(account, billId);
                entries.addAll(entries(account, billId, drafts, run));
            }
            billRows.add(new String[]{Long.toString(billId), Long.toString(account), from.toString(), to.toString(), hold ? "HELD" : "ISSUED",
                    previous.amount().toPlainString(), payments.amount().toPlainString(), adjustments.amount().toPlainString(),
                    current.amount().toPlainString(), total.amount().toPlainString(), array(reasons),
                    Long.toString(since == null ? (last == null ? 0 : last[1]) : since.lastEntryId()),
                    (budget == null ? total : budget.amountDue()).amount().toPlainString(),
                    budget == null ? null : budget.installment().amount().toPlainString(),
                    budget == null ? null : budget.deferred().amount().toPlainString()});
        }
        ledger.postAll(entries);
        Map<Long, Long> through = ledger.lastEntryFrom("BILL", issuedBills);
        for (String[] b : billRows) {
            long account = Long.parseLong(b[1]);
            long seen = Long.parseLong(b[11]);
            Long posted = through.get(account);
            bills.add(Long.parseLong(b[0])).add(account);
            if (run.id() == null) {
                bills.addNull();
            } else {
                bills.add(run.id());
            }
            bills.add(run.billDate()).add(run.dueDate())
                    .add(LocalDate.parse(b[2])).add(LocalDate.parse(b[3])).add(b[4]).raw(b[5]).raw(b[6]).raw(b[7]).raw(b[8]).raw(b[9])
                    .add(b[10]);
            long ledgerThrough = Math.max(seen, posted == null ? 0 : posted);
            if (ledgerThrough == 0) {
                bills.addNull();
            } else {
                bills.add(ledgerThrough);
            }
            bills.raw(now).raw(b[12]);
            if (b[13] == null) {
                bills.addNull().addNull();
            } else {
                bills.raw(b[13]).raw(b[14]);
            }
            bills.end();
        }
        copy(List.of(bills, segments, lines));
        return new Outcome(issued, held);
    }

    private static void segment(CopyRows segments, long segmentId, long billId, Draft d) {
        ChunkReads.Agreement a = d.agreement();
        segments.add(segmentId).add(billId).add(a.id()).add(a.servicePointId()).add(a.service()).add(a.schedule())
                .add(d.from()).add(d.to());
        Determinants det = d.determinants();
        BigDecimal usage = null;
        String unit = null;
        if (det != null) {
            for (Register r : List.of(Register.KWH, Register.GALLONS, Register.CCF)) {
                if (det.totals().containsKey(r)) {
                    usage = det.totals().get(r);
                    unit = r.unit();
                    break;
                }
            }
        }
        decimal(segments, usage).add(unit);
        decimal(segments, d.rated() != null && d.rated().maximumKw() != null ? d.rated().maximumKw().value()
                : det == null ? null : det.totals().get(Register.KW));
        decimal(segments, d.rated() != null && d.rated().billingKw() != null ? d.rated().billingKw().value() : null);
        segments.add(det != null && det.estimated());
        String meter = det == null || det.meters().isEmpty() ? null : det.meters().getLast().meterNumber();
        segments.add(meter);
        decimal(segments, d.previousReading());
        decimal(segments, d.presentReading());
        segments.raw(d.charges().amount().toPlainString()).add("ACTIVE").end();
    }

    private static CopyRows decimal(CopyRows rows, BigDecimal value) {
        return value == null ? rows.addNull() : rows.raw(value.toPlainString());
    }

    /** The bill's ledger entries: one per segment and kind of charge, taxes to taxes payable, the rest to revenue by rate class. */
    private static List<NewEntry> entries(long account, long billId, List<Draft> drafts, Run run) {
        List<NewEntry> list = new ArrayList<>();
        for (Draft d : drafts) {
            if (d.rated() == null) {
                continue;
            }
            Map<String, Money> byKind = new TreeMap<>();
            for (BillLine line : d.rated().lines()) {
                byKind.merge(line.kind(), line.amount(), Money::plus);
            }
            String service = d.agreement().service();
            String label = service.charAt(0) + service.substring(1).toLowerCase(Locale.ROOT) + " " + d.agreement().schedule();
            byKind.forEach((kind, amount) -> {
                if (!amount.isZero()) {
                    String gl = "tax".equals(kind) ? GlAccounts.TAXES_PAYABLE : GlAccounts.revenue(service, d.agreement().schedule());
                    list.add(NewEntry.charge(account, run.billDate(), EntryKind.CHARGE, amount, service, kind, gl, "BILL", billId,
                            label + " " + kind + ", " + d.from() + " to " + d.to(), run.dueDate()));
                }
            });
        }
        return list;
    }

    private static String array(List<String> items) {
        StringBuilder b = new StringBuilder("{");
        for (int i = 0; i < items.size(); i++) {
            if (i > 0) {
                b.append(',');
            }
            b.append('"').append(items.get(i).replace("\\", "\\\\").replace("\"", "\\\"")).append('"');
        }
        return b.append('}').toString();
    }

    private long[] ids(String table, int count) {
        if (count == 0) {
            return new long[0];
        }
        List<Long> list = jdbc.sql("select nextval(pg_get_serial_sequence(?, 'id')) from generate_series(1, ?)")
                .params(table, count).query(Long.class).list();
        return list.stream().mapToLong(Long::longValue).toArray();
    }

    private void copy(List<CopyRows> tables) {
        Connection connection = DataSourceUtils.getConnection(dataSource);
        try {
            new CopyLoader(connection.unwrap(PGConnection.class).getCopyAPI()).load(tables);
        } catch (SQLException e) {
            throw new IllegalStateException("could not write the bills: " + e.getMessage(), e);
        } finally {
            DataSourceUtils.releaseConnection(connection, dataSource);
        }
    }
}
