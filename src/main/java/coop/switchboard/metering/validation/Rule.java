package coop.switchboard.metering.validation;

/** The validation rules an incoming read is checked against, each with a short label and what it means for a CSR. */
public enum Rule {
    HIGH_VS_LAST_YEAR("High vs. last year",
            "Usage per day is well above the same period last year. Check for a misread or a swapped meter, then ask about "
                    + "new equipment, more people in the home, a leak or a stuck thermostat before accepting."),
    LOW_VS_LAST_YEAR("Low vs. last year",
            "Usage per day is well below the same period last year. Check for a misread, a slow or failing meter, or "
                    + "a bypass; the member may also simply be away or have replaced equipment."),
    HIGH_VS_RECENT_AVERAGE("High vs. recent average",
            "Usage per day is well above the average of the last three actual reads. Look for a misread or a dial "
                    + "rolled over, then a real change such as heating season starting."),
    LOW_VS_RECENT_AVERAGE("Low vs. recent average",
            "Usage per day is well below the average of the last three actual reads. Look for a misread, a meter "
                    + "problem or possible tampering, or a real change such as the home standing empty."),
    ZERO_USAGE_ACTIVE("Zero usage on active service",
            "The meter recorded nothing although the service is active. The meter may be stopped or bypassed, or the "
                    + "premise empty; request a re-read or a field check before billing zero."),
    USAGE_WHILE_INACTIVE("Usage while inactive or vacant",
            "The meter recorded usage although the premise is vacant or the service is inactive. This can mean "
                    + "someone moved in without signing up, or theft or tampering; send a field check."),
    NEGATIVE_USAGE("Reverse or negative usage",
            "The reading is lower than the last one. Usually a misread or a meter installed backwards; on a meter "
                    + "without net metering it can also mean tampering. Do not bill a negative amount without review."),
    DEMAND_OVER_RATING("Demand over meter rating",
            "The recorded demand is more than the meter is rated for. Usually a misread or a wrong multiplier; "
                    + "otherwise the meter may be undersized for the load and needs a field check."),
    OUT_OF_WINDOW("Read date out of window",
            "The read was taken outside the cycle's read window, so the period is longer or shorter than usual. "
                    + "Check the date; accept it if it is right, or request a re-read on schedule."),
    MISSING_READ("Missing read",
            "No read arrived for this meter by the end of the grace period after its scheduled read date. Request a "
                    + "re-read or estimate the period.");

    private final String label;
    private final String explanation;

    Rule(String label, String explanation) {
        this.label = label;
        this.explanation = explanation;
    }

    /** A few words for a queue column or a badge. */
    public String label() {
        return label;
    }

    /** A plain-English sentence or two for CSRs: what the rule found and what to check. */
    public String explanation() {
        return explanation;
    }
}
