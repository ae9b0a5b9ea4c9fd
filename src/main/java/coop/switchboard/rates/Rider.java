package coop.switchboard.rates;

import coop.switchboard.shared.UnitPrice;

import java.math.BigDecimal;
import java.time.YearMonth;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * A rider: per unit of a measure (a power cost adjustment in $/kWh whose factor changes monthly: the factor for
 * the bill's billing month, or the latest before it, read from the rider of the latest version the bill is rated on, so
 * one bill has one factor) or a percent of chosen lines ({@code appliesTo} component codes; all earlier lines except
 * taxes when empty).
 */
public record Rider(String code, String description, Measure measure, UnitPrice price, Map<YearMonth, UnitPrice> monthly,
                    BigDecimal percent, List<String> appliesTo) implements Component {
    public Rider {
        monthly = monthly == null ? Map.of() : java.util.Collections.unmodifiableNavigableMap(new TreeMap<>(monthly));
        appliesTo = appliesTo == null ? List.of() : List.copyOf(appliesTo);
    }

    public boolean isPercent() {
        return percent != null;
    }

    /** The factor for a billing month, or null when none is set for it or before it. */
    public UnitPrice priceFor(YearMonth month) {
        if (!monthly.isEmpty()) {
            Map.Entry<YearMonth, UnitPrice> e = ((NavigableMap<YearMonth, UnitPrice>) monthly).floorEntry(month);
            if (e != null) {
                return e.getValue();
            }
        }
        return price;
    }

    @Override
    public String kind() {
        return "rider";
    }
}
