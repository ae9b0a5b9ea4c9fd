package coop.switchboard.shared;

/** The services a utility delivers at a service point. */
public enum ServiceType {
    ELECTRIC, WATER, FIBER
}
