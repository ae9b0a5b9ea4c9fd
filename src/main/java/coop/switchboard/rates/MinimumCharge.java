package coop.switchboard.rates;

import coop.switchboard.shared.Money;

/**
 * A minimum bill: when the charges before it (riders and taxes excluded) come to less than {@code amount} per month or
 * per day, a line makes up the difference. {@code annual}, when set, is checked on bills for {@code annualMonth}
 * against the twelve months' charges.
 */
public record MinimumCharge(String code, String description, Money amount, Per per, Money annual, int annualMonth,
                            Proration proration) implements Component {
    @Override
    public String kind() {
        return "minimum";
    }
}
