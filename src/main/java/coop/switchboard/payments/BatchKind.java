package coop.switchboard.payments;

/** Where a batch of payments comes from. */
public enum BatchKind {
    LOCKBOX("Lockbox"), ACH("ACH"), API("API"), WEB("Web"), IVR("Phone"), AGENCY("Agency"), PAYROLL("Payroll"), OTHER("Other");

    private final String label;

    BatchKind(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    /** The day's batch kind for a tender that arrives without a batch. */
    static BatchKind of(Tender tender) {
        return switch (tender) {
            case ACH -> ACH;
            case WEB -> WEB;
            case IVR -> IVR;
            case AGENCY -> AGENCY;
            case PAYROLL -> PAYROLL;
            default -> OTHER;
        };
    }
}
