package coop.switchboard.rates;

import coop.switchboard.shared.Money;
import coop.switchboard.shared.Quantity;
import coop.switchboard.shared.ServicePeriod;
import coop.switchboard.shared.UnitPrice;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Rates one bill: each part of the period (one per tariff version and season in it) with its share of the usage,
 * component by component, every line rounded to cents once. Fractions of a month are kept as whole days over a
 * divisor (the standard month, or the period's own days for a regular cycle) so proration is exact.
 */
final class BillRating {
    private static final DateTimeFormatter SHORT = DateTimeFormatter.ofPattern("MMM d", Locale.US);
    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

    record Part(PreparedVersion version, LocalDate from, LocalDate to) {
        int days() {
            return (int) (to.toEpochDay() - from.toEpochDay());
        }
    }

    private final Tariff tariff;
    private final ServicePeriod period;
    private final Usage usage;
    private final AccountAttributes account;
    private final RatingHistory history;
    private final List<Part> parts;
    private final int periodDays;
    private final YearMonth billingMonth;
    private final List<BillLine> lines = new ArrayList<>(8);
    /** Register totals by measure in ten-thousandths, and whether each was given (kWh may come from the TOU registers). */
    private final long[] whole = new long[Measure.values().length];
    private final boolean[] given = new boolean[Measure.values().length];
    /** kWh was not read as a total but summed from the TOU registers, so each part's kWh is the sum of its register shares. */
    private boolean kwhFromRegisters;
    private Quantity maximumKw;
    private Quantity billingKw;

    // State of the part being rated.
    private Part part;
    private int partIndex;
    private int daysBefore;
    private String suffix;
    private int partDays;
    private int firstLine;
    private int intervalFrom;
    private int intervalTo;
    private long[] registerShare;
    private long[] partIntervalKwh;
    private long intervalKwh;

    BillRating(Tariff tariff, ServicePeriod period, Usage usage, AccountAttributes account, RatingHistory history, List<Part> parts) {
        this.tariff = tariff;
        this.period = period;
        this.usage = usage;
        this.account = account;
        this.history = history;
        this.parts = parts;
        this.periodDays = period.days();
        this.billingMonth = period.billingMonth();
        for (Map.Entry<Measure, Quantity> e : usage.totals().entrySet()) {
            whole[e.getKey().ordinal()] = units(e.getValue());
            given[e.getKey().ordinal()] = true;
        }
        if (!given[Measure.KWH.ordinal()] && !usage.kwhByPeriod().isEmpty()) {
            // A TOU meter read by its period registers only: the kWh is their sum (riders, power factor, the bill's kWh).
            long sum = 0;
            for (Quantity q : usage.kwhByPeriod().values()) {
                sum += units(q);
            }
            whole[Measure.KWH.ordinal()] = sum;
            given[Measure.KWH.ordinal()] = true;
            kwhFromRegisters = true;
        }
    }

    RatedBill rate() {
        IntervalData intervals = usage.intervals();
        if (intervals != null) {
            if (intervals.start().isAfter(period.from().atStartOfDay()) || intervals.end().isBefore(period.to().atStartOfDay())) {
                throw new RatingException(null, "the interval data (" + intervals.start() + " to " + intervals.end()
                        + ") does not cover the service period " + period);
            }
        }
        if (intervals != null) {
            partIntervalKwh = new long[parts.size()];
            long[] v = intervals.tenThousandths();
            for (int i = 0; i < parts.size(); i++) {
                long sum = 0;
                for (int k = intervals.indexAt(parts.get(i).from().atStartOfDay()), end = intervals.indexAt(parts.get(i).to().atStartOfDay()); k < end; k++) {
                    sum += v[k];
                }
                partIntervalKwh[i] = sum;
                intervalKwh += sum;
            }
        }
        daysBefore = 0;
        for (int i = 0; i < parts.size(); i++) {
            part = parts.get(i);
            partIndex = i;
            partDays = part.days();
            suffix = parts.size() == 1 ? "" : " (" + SHORT.format(part.from()) + " to " + SHORT.format(part.to().minusDays(1)) + ")";
            firstLine = lines.size();
            if (intervals != null) {
                intervalFrom = intervals.indexAt(part.from().atStartOfDay());
                intervalTo = intervals.indexAt(part.to().atStartOfDay());
            }
            registerShare = shareOfTotals();
            for (int c = 0; c < part.version().components.length; c++) {
                switch (part.version().components[c]) {
                    case FixedCharge f -> fixed(f);
                    case UsageCharge u -> usageCharge(c, u);
                    case DemandCharge d -> demand(c, d);
                    case UnmeteredCharge u -> unmetered(u);
                    case MinimumCharge m -> minimum(m);
                    case Rider r -> rider(r);
                    case Tax t -> tax(t);
                }
            }
            daysBefore += partDays;
        }
        annualMinimum();
        Money total = Money.ZERO;
        for (BillLine line : lines) {
            total = total.plus(line.amount());
        }
        List<LocalDate> versions = new ArrayList<>(parts.size());
        for (Part p : parts) {
            if (!versions.contains(p.version().version.effective())) {
                versions.add(p.version().version.effective());
            }
        }
        return new RatedBill(tariff.code(), period, lines, total, Quantity.ofTenThousandths(measureTotalWhole(Measure.KWH)),
                maximumKw, billingKw, versions);
    }

    // ---- shares of register totals --------------------------------------------------------------------------------

    /**
     * This part's share of each register total, by days (kW, a maximum, is not shared). Shares are differences of
     * rounded cumulative shares, so the parts always sum exactly to the register.
     */
    private long[] shareOfTotals() {
        long[] share = new long[Measure.values().length];
        for (int m = 0; m < share.length; m++) {
            if (!given[m]) {
                continue;
            }
            share[m] = m == Measure.KW.ordinal() || parts.size() == 1 ? whole[m]
                    : cumulativeShare(whole[m], daysBefore, partDays, periodDays);
        }
        if (kwhFromRegisters && parts.size() > 1) {
            long kwh = 0;
            for (Map.Entry<String, Quantity> e : usage.kwhByPeriod().entrySet()) {
                kwh += registerPartShare(null, e.getKey(), units(e.getValue()));
            }
            share[Measure.KWH.ordinal()] = kwh;
        }
        return share;
    }

    /** The share of {@code amount} for {@code days} after {@code before} days of {@code of}, rounded so shares add up exactly. */
    private static long cumulativeShare(long amount, int before, int days, int of) {
        return BlockAllocation.proportion(amount, before + days, of) - BlockAllocation.proportion(amount, before, of);
    }

    /**
     * This part's share of a time-of-use period's register reading: by days among the parts in which the period occurs
     * (a summer on-peak register belongs to the summer part of a period spanning a season change), or among all parts
     * when it occurs in none.
     */
    private long registerPartShare(String code, String name, long reading) {
        int eligible = 0;
        int before = 0;
        boolean mine = false;
        for (int j = 0; j < parts.size(); j++) {
            Part pj = parts.get(j);
            if (readsRegister(pj, code, name)) {
                eligible += pj.days();
                if (j < partIndex) {
                    before += pj.days();
                }
                mine |= j == partIndex;
            }
        }
        if (eligible == 0) {
            return cumulativeShare(reading, daysBefore, partDays, periodDays);
        }
        return mine ? cumulativeShare(reading, before, partDays, eligible) : 0;
    }

    /**
     * Whether a part rates component {@code code} (any kWh usage component when null) from TOU registers and its period
     * {@code name} occurs in the part.
     */
    private static boolean readsRegister(Part p, String code, String name) {
        for (Component c : p.version().components) {
            if (c instanceof UsageCharge u && (code == null ? u.measure() == Measure.KWH : u.code().equals(code))
                    && u.schedule().hourly(p.from().getMonthValue())) {
                for (int k = 0; k < u.periods().size(); k++) {
                    if (u.periods().get(k).name().equals(name) && usedIn(u.schedule(), k, p)) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    private long measureTotalWhole(Measure measure) {
        if (usage.intervals() != null && measure == Measure.KWH) {
            return intervalKwh;
        }
        return given[measure.ordinal()] ? whole[measure.ordinal()] : 0;
    }

    /** This part's usage of a measure, in ten-thousandths; -1 when not given. */
    private long partTotal(Measure measure) {
        if (usage.intervals() != null && measure == Measure.KWH) {
            return partIntervalKwh[partIndex];
        }
        return given[measure.ordinal()] ? registerShare[measure.ordinal()] : -1;
    }

    // ---- proration --------------------------------------------------------------------------------------------------

    /** The divisor of a month for a component: this period's days when one bill is one month, else the standard month. */
    private int divisor(Proration proration) {
        ProrationRules rules = part.version().version.proration();
        boolean wholeMonth = proration == Proration.NONE || (proration == Proration.PARTIAL && rules.regular(periodDays));
        return wholeMonth ? periodDays : rules.standardDays();
    }

    // ---- components -------------------------------------------------------------------------------------------------

    private void fixed(FixedCharge f) {
        BigDecimal amount = f.amount().value();
        String description = f.description();
        if (!f.bySize().isEmpty()) {
            if (account.meterSize() == null) {
                throw new RatingException(f.code(), "the charge depends on meter size and the account has none (sizes: "
                        + String.join(", ", new TreeMap<>(f.bySize()).keySet()) + ")");
            }
            Money bySize = f.bySize().get(account.meterSize());
            if (bySize == null) {
                throw new RatingException(f.code(), "no charge for meter size " + account.meterSize() + " (sizes: "
                        + String.join(", ", new TreeMap<>(f.bySize()).keySet()) + ")");
            }
            amount = bySize.amount();
            description = description + " (" + account.meterSize() + " meter)";
        }
        if (f.per() == Per.DAY) {
            add(f, withSuffix(description), Quantity.of(partDays), "days", new UnitPrice(amount));
            return;
        }
        monthly(f, description, amount, f.proration(), Quantity.ONE, "month");
    }

    /** A monthly amount: one month, or days at the monthly amount over the month's divisor. */
    private void monthly(Component c, String description, BigDecimal amount, Proration proration, Quantity count, String unit) {
        int divisor = divisor(proration);
        if (divisor == partDays) {
            add(c, withSuffix(description), count, unit, new UnitPrice(amount));
        } else {
            UnitPrice perDay = new UnitPrice(amount.divide(BigDecimal.valueOf(divisor), UnitPrice.SCALE, RoundingMode.HALF_UP));
            Quantity days = count.equals(Quantity.ONE) ? Quantity.of(partDays)
                    : new Quantity(count.value().multiply(BigDecimal.valueOf(partDays)));
            add(c, description + ", " + partDays + " of " + divisor + " days" + suffix, days,
                    count.equals(Quantity.ONE) ? "days" : unit + "-days", perDay);
        }
    }

    private void usageCharge(int c, UsageCharge u) {
        int periods = u.periods().size();
        long[] q = new long[periods];
        long total;
        if (usage.intervals() != null && u.measure() == Measure.KWH && !u.schedule().seasonalOnly()) {
            IntervalWalk walk = IntervalWalk.of(usage.intervals(), intervalFrom, intervalTo, u.schedule(), periods, part.version().version.holidays());
            System.arraycopy(walk.sums, 0, q, 0, periods);
            total = walk.total;
        } else if (!hourlyIn(u.schedule())) {
            total = partTotal(u.measure());
            if (total < 0) {
                throw new RatingException(u.code(), "needs a " + u.measure().unit() + " reading");
            }
            q[u.schedule().monthPeriod(part.from().getMonthValue())] = total;
        } else {
            total = 0;
            for (int p = 0; p < periods; p++) {
                String name = u.periods().get(p).name();
                Quantity reading = usage.kwhByPeriod().get(name);
                if (reading == null) {
                    if (!usedIn(u.schedule(), p, part)) {
                        continue;
                    }
                    throw new RatingException(u.code(), "time-of-use rating needs interval data or a " + u.measure().unit()
                            + " reading for each period (missing: " + name + ")");
                }
                q[p] = parts.size() == 1 ? units(reading) : registerPartShare(u.code(), name, units(reading));
                total += q[p];
            }
        }
        if (total < 0) {
            throw new RatingException(u.code(), "usage is negative (" + Quantity.ofTenThousandths(total) + " " + u.measure().unit()
                    + "); net metering credits are not rated by this component");
        }
        long[][] limits = part.version().limits[c];
        long num;
        long den;
        switch (u.basis()) {
            case DAILY -> {
                num = partDays;
                den = 1;
            }
            case PER_KW -> {
                Quantity kw = billingDemand();
                num = units(kw);
                den = 10_000;
            }
            default -> {
                num = partDays;
                den = divisor(u.blockProration());
            }
        }
        boolean scaled = num != den;
        if (total == 0) {
            int p = u.schedule().monthPeriod(part.from().getMonthValue());
            add(u, label(c, u, p, 0, scaled, num, den), Quantity.ZERO, u.measure().unit(), u.periods().get(p).blocks().get(0).price());
            return;
        }
        long[][] scaledLimits = new long[periods][];
        for (int p = 0; p < periods; p++) {
            scaledLimits[p] = scaled ? scaleAll(limits[p], num, den) : limits[p];
        }
        BlockAllocation.Sink priced = (p, b, quantity) -> add(u, label(c, u, p, b, scaled, num, den), Quantity.ofTenThousandths(quantity),
                u.measure().unit(), u.periods().get(p).blocks().get(b).price());
        if (u.basis() == BlockBasis.PERIOD) {
            for (int p = 0; p < periods; p++) {
                if (q[p] != 0) {
                    BlockAllocation.ownUsage(p, q[p], scaledLimits[p], priced);
                }
            }
        } else {
            BlockAllocation.shareOfTotal(q, total, scaledLimits, part.version().sharedTiers[c], priced);
        }
    }

    private static long[] scaleAll(long[] limits, long num, long den) {
        long[] scaled = new long[limits.length];
        for (int i = 0; i < limits.length; i++) {
            scaled[i] = BlockAllocation.scale(limits[i], num, den);
        }
        return scaled;
    }

    private String label(int c, UsageCharge u, int p, int b, boolean scaled, long num, long den) {
        if (!scaled) {
            return withSuffix(part.version().labels[c][p][b]);
        }
        long[] lim = part.version().limits[c][p];
        long[] scaledLimits = new long[lim.length];
        for (int i = 0; i < lim.length; i++) {
            scaledLimits[i] = BlockAllocation.scale(lim[i], num, den);
        }
        List<Block> blocks = u.periods().get(p).blocks();
        if (u.basis() == BlockBasis.PER_KW && blocks.size() > 1) {
            // "Energy, next 200 kWh per kW (63,727.94 kWh)": the tariff's words, then what they come to at this demand.
            long size = b == 0 ? scaledLimits[0] : b == blocks.size() - 1 ? scaledLimits[b - 1] : scaledLimits[b] - scaledLimits[b - 1];
            return part.version().labels[c][p][b] + " (" + PreparedVersion.number(BigDecimal.valueOf(size, 4)) + " "
                    + u.measure().unit() + ")" + suffix;
        }
        return PreparedVersion.label(u.description(), u.periods().size() > 1 ? u.periods().get(p).name() : null, blocks, b,
                u.measure().unit(), scaledLimits) + suffix;
    }

    private boolean hourlyIn(HourSchedule schedule) {
        // Parts never cross a season change, so the first month of the part speaks for all of it.
        return schedule.hourly(part.from().getMonthValue());
    }

    private static boolean usedIn(HourSchedule schedule, int p, Part part) {
        for (LocalDate m = part.from().withDayOfMonth(1); m.isBefore(part.to()); m = m.plusMonths(1)) {
            for (int h = 0; h < 24; h++) {
                if (schedule.period(m.getMonthValue(), false, h) == p || schedule.period(m.getMonthValue(), true, h) == p) {
                    return true;
                }
            }
        }
        return false;
    }

    /** The billing demand of the first monthly (not time-of-use) demand component, else the kW reading. */
    private Quantity billingDemand() {
        for (Component c : part.version().components) {
            if (c instanceof DemandCharge d && !d.timeOfUse()) {
                return adjusted(d, actualDemand(d, -1));
            }
        }
        Quantity kw = usage.total(Measure.KW);
        if (kw == null && usage.intervals() != null) {
            return intervalPeak(HourSchedule.single(), 1, 0);
        }
        if (kw == null) {
            throw new RatingException(null, "hours-use blocks need a kW reading or interval data");
        }
        return kw;
    }

    private Quantity actualDemand(DemandCharge d, int p) {
        if (usage.intervals() != null) {
            return p < 0 ? intervalPeak(HourSchedule.single(), 1, 0) : intervalPeak(d.schedule(), d.periods().size(), p);
        }
        if (p < 0) {
            Quantity kw = usage.total(Measure.KW);
            if (kw == null) {
                throw new RatingException(d.code(), "needs a kW demand reading");
            }
            return kw;
        }
        Quantity kw = usage.kwByPeriod().get(d.periods().get(p).name());
        if (kw == null) {
            throw new RatingException(d.code(), "time-of-use demand needs interval data or a kW reading for each period (missing: "
                    + d.periods().get(p).name() + ")");
        }
        return kw;
    }

    private Quantity intervalPeak(HourSchedule schedule, int periods, int p) {
        IntervalData data = usage.intervals();
        IntervalWalk walk = IntervalWalk.of(data, intervalFrom, intervalTo, schedule, periods, part.version().version.holidays());
        long peak = periods == 1 ? walk.peak : walk.peaks[p];
        // kWh in an interval of m minutes is an average demand of kWh × 60 / m kW.
        return new Quantity(BigDecimal.valueOf(peak * 60, 4).divide(BigDecimal.valueOf(data.minutes()), Quantity.SCALE, RoundingMode.HALF_UP));
    }

    /** Power factor adjustment, then the ratchet and minimum kW. */
    private Quantity adjusted(DemandCharge d, Quantity actual) {
        Quantity billed = actual;
        if (d.powerFactorTarget() != null) {
            Quantity kwh = usage.intervals() != null || given[Measure.KWH.ordinal()]
                    ? Quantity.ofTenThousandths(measureTotalWhole(Measure.KWH)) : null;
            Quantity kvarh = usage.total(Measure.KVARH);
            if (kwh != null && kvarh != null && kwh.signum() > 0) {
                BigDecimal pf = kwh.value().divide(kwh.value().pow(2).add(kvarh.value().pow(2)).sqrt(MathContext.DECIMAL64), MathContext.DECIMAL64);
                if (pf.compareTo(d.powerFactorTarget()) < 0) {
                    billed = new Quantity(actual.value().multiply(d.powerFactorTarget()).divide(pf, Quantity.SCALE, RoundingMode.HALF_UP));
                }
            }
        }
        Ratchet r = d.ratchet();
        if (r != null && !d.timeOfUse()) {
            BigDecimal highest = BigDecimal.ZERO;
            for (int back = 1; back <= r.months(); back++) {
                YearMonth month = billingMonth.minusMonths(back);
                Quantity kw = history.demandByMonth().get(month);
                if (kw != null && (r.fromMonths().isEmpty() || r.fromMonths().contains(month.getMonthValue()))) {
                    highest = highest.max(kw.value());
                }
            }
            Quantity ratchet = new Quantity(highest.multiply(r.percent()).divide(HUNDRED, Quantity.SCALE, RoundingMode.HALF_UP));
            billed = billed.max(ratchet).max(new Quantity(r.minimumKw()));
        }
        return billed;
    }

    private void demand(int c, DemandCharge d) {
        int divisor = divisor(d.proration());
        boolean prorated = divisor != partDays;
        if (!d.timeOfUse()) {
            Quantity actual = actualDemand(d, -1);
            Quantity billed = adjusted(d, actual);
            maximumKw = maximumKw == null ? actual : maximumKw.max(actual);
            billingKw = billingKw == null ? billed : billingKw.max(billed);
            int p = d.schedule().monthPeriod(part.from().getMonthValue());
            String note = billed.equals(actual) ? "" : " (billing demand; actual " + PreparedVersion.number(actual.value()) + " kW)";
            demandTiers(c, d, p, billed, prorated, divisor, note);
            return;
        }
        for (int p = 0; p < d.periods().size(); p++) {
            if (!usedIn(d.schedule(), p, part)) {
                continue;
            }
            Quantity actual = actualDemand(d, p);
            Quantity billed = adjusted(d, actual);
            maximumKw = maximumKw == null ? actual : maximumKw.max(actual);
            demandTiers(c, d, p, billed, prorated, divisor, billed.equals(actual) ? "" : " (power factor adjusted)");
        }
    }

    private void demandTiers(int c, DemandCharge d, int p, Quantity kw, boolean prorated, int divisor, String note) {
        long quantity = units(kw);
        long[] lim = part.version().limits[c][p];
        long prev = 0;
        for (int b = 0; b < lim.length; b++) {
            long inTier = Math.max(0, Math.min(quantity, lim[b]) - prev);
            if (inTier != 0 || (b == 0 && quantity == 0)) {
                UnitPrice price = d.periods().get(p).blocks().get(b).price();
                String description = part.version().labels[c][p][b] + note;
                if (prorated) {
                    price = new UnitPrice(price.value().multiply(BigDecimal.valueOf(partDays))
                            .divide(BigDecimal.valueOf(divisor), UnitPrice.SCALE, RoundingMode.HALF_UP));
                    description = description + ", " + partDays + " of " + divisor + " days";
                }
                add(d, withSuffix(description), Quantity.ofTenThousandths(inTier), "kW", price);
            }
            if (quantity <= lim[b]) {
                break;
            }
            prev = lim[b];
        }
    }

    private void unmetered(UnmeteredCharge u) {
        for (Map.Entry<String, Integer> e : new TreeMap<>(account.fixtures()).entrySet()) {
            Money price = u.perFixture().get(e.getKey());
            if (price == null) {
                throw new RatingException(u.code(), "no price for fixture type '" + e.getKey() + "' (types: "
                        + String.join(", ", new TreeMap<>(u.perFixture()).keySet()) + ")");
            }
            if (e.getValue() > 0) {
                monthly(u, u.description() + " (" + e.getKey() + ")", price.amount(), u.proration(), Quantity.of(e.getValue()), "fixtures");
            }
        }
    }

    private Money partBase() {
        Money base = Money.ZERO;
        for (int i = firstLine; i < lines.size(); i++) {
            BillLine line = lines.get(i);
            String kind = line.kind();
            if (kind.equals("fixed") || kind.equals("usage") || kind.equals("demand") || kind.equals("unmetered")) {
                base = base.plus(line.amount());
            }
        }
        return base;
    }

    private void minimum(MinimumCharge m) {
        if (m.amount() == null || m.amount().isZero()) {
            return;
        }
        BigDecimal minimum = m.per() == Per.DAY ? m.amount().amount().multiply(BigDecimal.valueOf(partDays))
                : m.amount().amount().multiply(BigDecimal.valueOf(partDays)).divide(BigDecimal.valueOf(divisor(m.proration())), 10, RoundingMode.HALF_UP);
        Money floor = Money.rounded(minimum);
        Money base = partBase();
        if (base.compareTo(floor) < 0) {
            Money difference = floor.minus(base);
            add(m, m.description() + " (minimum $" + floor + ", charges $" + base + ")" + suffix, Quantity.ONE, "bill",
                    new UnitPrice(difference.amount()));
        }
    }

    private void annualMinimum() {
        MinimumCharge annual = null;
        for (Component c : parts.getLast().version().components) {
            if (c instanceof MinimumCharge m && m.annual() != null && !m.annual().isZero()) {
                annual = m;
            }
        }
        if (annual == null || billingMonth.getMonthValue() != annual.annualMonth()) {
            return;
        }
        Money base = Money.ZERO;
        for (BillLine line : lines) {
            if (!line.kind().equals("tax") && !line.kind().equals("rider")) {
                base = base.plus(line.amount());
            }
        }
        Money year = history.chargesBeforeThisMonthInYear().plus(base);
        if (year.compareTo(annual.annual()) < 0) {
            Money difference = annual.annual().minus(year);
            add(annual, "Annual minimum (minimum $" + annual.annual() + ", 12 months' charges $" + year + ")", Quantity.ONE, "year",
                    new UnitPrice(difference.amount()));
        }
    }

    private void rider(Rider r) {
        if (r.isPercent()) {
            percentOf(r, r.description(), r.percent(), r.appliesTo());
            return;
        }
        // The factor is the billing month's, whichever version a part is rated on: take it from the latest version's rider.
        Rider latest = r;
        for (Component c : parts.getLast().version().components) {
            if (c instanceof Rider other && other.code().equals(r.code()) && !other.isPercent()) {
                latest = other;
            }
        }
        UnitPrice price = latest.priceFor(billingMonth);
        if (price == null) {
            throw new RatingException(r.code(), "no factor for " + billingMonth + " or any month before it");
        }
        long quantity = partTotal(r.measure());
        if (quantity < 0) {
            throw new RatingException(r.code(), "needs a " + r.measure().unit() + " reading");
        }
        add(r, withSuffix(r.description()), Quantity.ofTenThousandths(quantity), r.measure().unit(), price);
    }

    private void tax(Tax t) {
        if (account.exemptions().contains(t.exemption())) {
            return;
        }
        percentOf(t, t.description(), t.percent(), t.appliesTo());
    }

    private void percentOf(Component c, String description, BigDecimal percent, List<String> appliesTo) {
        Money base = Money.ZERO;
        boolean any = false;
        for (int i = firstLine; i < lines.size(); i++) {
            BillLine line = lines.get(i);
            boolean applies = appliesTo.isEmpty() ? !line.kind().equals("tax") : appliesTo.contains(line.component());
            if (applies) {
                base = base.plus(line.amount());
                any = true;
            }
        }
        if (!any || base.isZero()) {
            return;
        }
        int index = part.version().indexOf(c);
        add(c, withSuffix(part.version().percentLabel[index]), new Quantity(base.amount()), "$", part.version().percentRate[index]);
    }

    // ---- helpers ------------------------------------------------------------------------------------------------------

    private String withSuffix(String description) {
        return suffix.isEmpty() ? description : description + suffix;
    }

    private void add(Component c, String description, Quantity quantity, String unit, UnitPrice price) {
        lines.add(new BillLine(c.code(), c.kind(), description, quantity, unit, price, price.times(quantity)));
    }

    private static long units(Quantity q) {
        return q.value().unscaledValue().longValueExact();
    }
}
