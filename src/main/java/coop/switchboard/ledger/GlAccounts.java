package coop.switchboard.ledger;

import java.util.Locale;

/**
 * The general-ledger accounts entries post to (RUS uniform system of accounts numbering for electric cooperatives:
 * 131 cash, 142 customer accounts receivable, 235 customer deposits, 241 taxes collected, 440–445 sales revenue,
 * 456 other revenue). Revenue is kept per service and rate schedule, so the journal shows sales by rate class.
 */
public final class GlAccounts {
    public static final String CASH = "131";
    public static final String RECEIVABLE = "142";
    public static final String DEPOSITS_HELD = "235";
    public static final String TAXES_PAYABLE = "241";
    public static final String OTHER_REVENUE = "456";
    public static final String UNCOLLECTIBLE = "144";

    private GlAccounts() {
    }

    /** Sales revenue of a service on a rate schedule: {@code 440-ELECTRIC-RS}. */
    public static String revenue(String service, String rateSchedule) {
        return "440-" + service.toUpperCase(Locale.ROOT) + "-" + rateSchedule.toUpperCase(Locale.ROOT);
    }
}
