package coop.switchboard.rates;

import coop.switchboard.shared.Money;

import java.util.Map;

/**
 * A customer, facility or plan charge: an amount per month or per day, or an amount by meter size (water) taken from
 * the account's {@code meterSize}. Fiber plans are fixed charges.
 */
public record FixedCharge(String code, String description, Money amount, Per per, Map<String, Money> bySize,
                          Proration proration) implements Component {
    public FixedCharge {
        bySize = bySize == null ? Map.of() : Map.copyOf(bySize);
    }

    @Override
    public String kind() {
        return "fixed";
    }
}
