package coop.switchboard.rates;

import java.math.BigDecimal;
import java.util.Set;

/**
 * Billing demand is at least {@code percent} of the highest demand of the previous {@code months} months (only those
 * months listed in {@code fromMonths}, when given, e.g. the summer months) and at least {@code minimumKw}.
 */
public record Ratchet(BigDecimal percent, int months, BigDecimal minimumKw, Set<Integer> fromMonths) {
    public Ratchet {
        fromMonths = fromMonths == null ? Set.of() : Set.copyOf(fromMonths);
        minimumKw = minimumKw == null ? BigDecimal.ZERO : minimumKw;
        percent = percent == null ? BigDecimal.ZERO : percent;
    }
}
