package coop.switchboard.rates;

import java.util.Map;
import java.util.Set;

/**
 * What about an account changes its bill: tax and fee exemptions (by tax code), the water meter size, and the
 * unmetered fixtures it pays for (fixture type → count).
 */
public record AccountAttributes(Set<String> exemptions, String meterSize, Map<String, Integer> fixtures) {
    public static final AccountAttributes NONE = new AccountAttributes(Set.of(), null, Map.of());

    public AccountAttributes {
        exemptions = exemptions == null ? Set.of() : Set.copyOf(exemptions);
        fixtures = fixtures == null ? Map.of() : Map.copyOf(fixtures);
    }
}
