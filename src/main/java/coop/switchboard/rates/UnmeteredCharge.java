package coop.switchboard.rates;

import coop.switchboard.shared.Money;

import java.util.Map;

/** Unmetered service priced per unit per month, such as security lights by fixture type (the account's fixtures). */
public record UnmeteredCharge(String code, String description, Map<String, Money> perFixture, Proration proration)
        implements Component {
    public UnmeteredCharge {
        perFixture = Map.copyOf(perFixture);
    }

    @Override
    public String kind() {
        return "unmetered";
    }
}
