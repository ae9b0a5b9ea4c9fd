package coop.switchboard.rates;

import java.math.BigDecimal;
import java.util.List;

/**
 * A tax or fee as a percent of chosen lines ({@code appliesTo} component codes, which may name an earlier tax; every earlier line except taxes when empty).
 * Accounts holding the exemption code (the tax's code unless {@code exemption} names another) are not charged.
 */
public record Tax(String code, String description, BigDecimal percent, List<String> appliesTo, String exemption)
        implements Component {
    public Tax {
        appliesTo = appliesTo == null ? List.of() : List.copyOf(appliesTo);
        exemption = exemption == null || exemption.isBlank() ? code : exemption;
    }

    @Override
    public String kind() {
        return "tax";
    }
}
