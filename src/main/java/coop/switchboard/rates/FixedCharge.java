package coop.switchboard.rates;

import coop.switchboard.shared.Money;
import coop.switchboard.shared.UnitPrice;

import java.util.Map;

/**
 * A customer, facility or plan charge: an amount per month or per day, or an amount by meter size (water) taken from
 * the account's {@code meterSize}. Fiber plans are fixed charges. The amount is a price per month or per day: a
 * monthly amount is whole cents; a daily one may have fractions of a cent (URDB's $24.878/day), which the line for the
 * period's days rounds once.
 */
public record FixedCharge(String code, String description, UnitPrice amount, Per per, Map<String, Money> bySize,
                          Proration proration) implements Component {
    public FixedCharge {
        bySize = bySize == null ? Map.of() : Map.copyOf(bySize);
        amount = amount == null ? UnitPrice.ZERO : amount;
    }

    /** A charge of whole cents. */
    public FixedCharge(String code, String description, Money amount, Per per, Map<String, Money> bySize, Proration proration) {
        this(code, description, new UnitPrice(amount.amount()), per, bySize, proration);
    }

    @Override
    public String kind() {
        return "fixed";
    }
}
