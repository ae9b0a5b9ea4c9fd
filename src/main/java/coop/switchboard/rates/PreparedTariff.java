package coop.switchboard.rates;

import coop.switchboard.shared.Money;
import coop.switchboard.shared.Quantity;
import coop.switchboard.shared.ServicePeriod;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * A tariff made ready for rating many bills: block limits, labels and season changes are worked out once.
 * Immutable and safe to share between threads; a bill run prepares each tariff once.
 */
public final class PreparedTariff {
    private final Tariff tariff;
    private final PreparedVersion[] versions;

    private PreparedTariff(Tariff tariff) {
        this.tariff = tariff;
        this.versions = tariff.versions().stream().map(PreparedVersion::new).toArray(PreparedVersion[]::new);
    }

    public static PreparedTariff of(Tariff tariff) {
        return new PreparedTariff(tariff);
    }

    public Tariff tariff() {
        return tariff;
    }

    /** Rates a service period: one bill's lines for this schedule. */
    public RatedBill rate(ServicePeriod period, Usage usage, AccountAttributes account, RatingHistory history) {
        List<BillRating.Part> parts = parts(period);
        BillRating rating = new BillRating(tariff, period, usage, account == null ? AccountAttributes.NONE : account,
                history == null ? RatingHistory.NONE : history, parts);
        return rating.rate();
    }

    /** The pieces a period is rated in: split where a different version takes effect or a season changes. */
    List<BillRating.Part> parts(ServicePeriod period) {
        PreparedVersion current = null;
        int next = 0;
        while (next < versions.length && !versions[next].version.effective().isAfter(period.from())) {
            current = versions[next++];
        }
        if (current == null) {
            throw new RatingException(null, "rate schedule " + tariff.code() + " has no version in effect on " + period.from()
                    + (versions.length == 0 ? "" : " (the first takes effect " + versions[0].version.effective() + ")"));
        }
        List<BillRating.Part> parts = new ArrayList<>(1);
        LocalDate start = period.from();
        for (; next < versions.length && versions[next].version.effective().isBefore(period.to()); next++) {
            PreparedVersion candidate = versions[next];
            if (!candidate.version.ratesLike(current.version)) {
                addSeasons(parts, current, start, candidate.version.effective());
                start = candidate.version.effective();
                current = candidate;
            }
        }
        addSeasons(parts, current, start, period.to());
        return parts;
    }

    private static void addSeasons(List<BillRating.Part> parts, PreparedVersion version, LocalDate from, LocalDate to) {
        LocalDate start = from;
        LocalDate month = from.withDayOfMonth(1).plusMonths(1);
        while (month.isBefore(to)) {
            if (version.changesInto[month.getMonthValue()]) {
                parts.add(new BillRating.Part(version, start, month));
                start = month;
            }
            month = month.plusMonths(1);
        }
        parts.add(new BillRating.Part(version, start, to));
    }

    /** Rates each calendar month from {@code first} through {@code last} in turn, carrying demand and charges for ratchets and annual minimums. */
    public List<RatedBill> rateMonths(List<ServicePeriod> periods, List<Usage> usages, AccountAttributes account) {
        List<RatedBill> bills = new ArrayList<>(periods.size());
        java.util.Map<java.time.YearMonth, Quantity> demand = new java.util.TreeMap<>();
        java.util.Map<java.time.YearMonth, Money> charges = new java.util.TreeMap<>();
        for (int i = 0; i < periods.size(); i++) {
            ServicePeriod period = periods.get(i);
            java.time.YearMonth month = period.billingMonth();
            Money before = Money.ZERO;
            for (var e : charges.entrySet()) {
                if (e.getKey().isAfter(month.minusMonths(12)) && e.getKey().isBefore(month)) {
                    before = before.plus(e.getValue());
                }
            }
            RatedBill bill = rate(period, usages.get(i), account, new RatingHistory(demand, before));
            if (bill.maximumKw() != null) {
                demand.put(month, bill.maximumKw());
            }
            charges.put(month, bill.baseCharges());
            bills.add(bill);
        }
        return bills;
    }
}
