package coop.switchboard.rates;

import coop.switchboard.shared.Money;
import coop.switchboard.shared.Quantity;

import java.time.YearMonth;
import java.util.Map;
import java.util.TreeMap;

/**
 * What earlier bills leave for this one: each earlier billing month's actual maximum demand (for ratchets) and the
 * charges of the months before this one in the twelve months ending at the annual minimum month.
 */
public record RatingHistory(Map<YearMonth, Quantity> demandByMonth, Money chargesBeforeThisMonthInYear) {
    public static final RatingHistory NONE = new RatingHistory(Map.of(), Money.ZERO);

    public RatingHistory {
        demandByMonth = demandByMonth == null ? Map.of() : java.util.Collections.unmodifiableMap(new TreeMap<>(demandByMonth));
        chargesBeforeThisMonthInYear = chargesBeforeThisMonthInYear == null ? Money.ZERO : chargesBeforeThisMonthInYear;
    }
}
