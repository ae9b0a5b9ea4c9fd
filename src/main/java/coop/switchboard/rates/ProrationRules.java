package coop.switchboard.rates;

/**
 * A tariff version's month: periods of {@code regularMinDays}..{@code regularMaxDays} days are one billing month;
 * prorating divides by {@code standardDays}.
 */
public record ProrationRules(int standardDays, int regularMinDays, int regularMaxDays) {
    public static final ProrationRules STANDARD = new ProrationRules(30, 27, 35);

    public ProrationRules {
        if (standardDays < 28 || standardDays > 31) {
            throw new IllegalArgumentException("standardDays must be 28 to 31");
        }
        if (regularMinDays < 1 || regularMaxDays < regularMinDays) {
            throw new IllegalArgumentException("regularMinDays must be at least 1 and not above regularMaxDays");
        }
    }

    boolean regular(int days) {
        return days >= regularMinDays && days <= regularMaxDays;
    }
}
