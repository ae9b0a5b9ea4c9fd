package coop.switchboard.platform;

/** What a staff member may do. A person may hold several roles. */
public enum Role {
    CSR("Member services representative"),
    BILLING("Billing"),
    COLLECTIONS("Credit and collections"),
    SUPERVISOR("Supervisor"),
    ADMIN("Administrator");

    private final String label;

    Role(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    /** The Spring Security authority, {@code ROLE_CSR} and so on. */
    public String authority() {
        return "ROLE_" + name();
    }
}
