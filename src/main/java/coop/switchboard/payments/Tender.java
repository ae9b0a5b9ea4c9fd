package coop.switchboard.payments;

/**
 * How a payment was made. Cash, checks, money orders and cards taken at a counter go through the person's cash drawer;
 * the others arrive in batches (files, the API, agencies). A card payment keeps only the processor's reference and the
 * card's last four digits, never the card number.
 */
public enum Tender {
    CASH("Cash", true),
    CHECK("Check", true),
    MONEY_ORDER("Money order", true),
    CARD("Card", true),
    ACH("ACH", false),
    WIRE("Wire", false),
    WEB("Web", false),
    IVR("Phone (IVR)", false),
    AGENCY("Energy-assistance agency", false),
    PAYROLL("Payroll deduction", false);

    private final String label;
    private final boolean counter;

    Tender(String label, boolean counter) {
        this.label = label;
        this.counter = counter;
    }

    public String label() {
        return label;
    }

    /** Whether it is taken at a counter into a cash drawer. */
    public boolean counter() {
        return counter;
    }

    /** Whether the bank can return it unpaid (a personal check or a bank draft): a cash-only account may not pay with it. */
    public boolean returnable() {
        return this == CHECK || this == ACH;
    }
}
