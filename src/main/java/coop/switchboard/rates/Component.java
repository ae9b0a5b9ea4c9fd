package coop.switchboard.rates;

/**
 * One part of a tariff version. Every bill line names the component it came from by {@link #code()}, so a CSR can
 * trace each cent back to the tariff. Components are rated in the order the version lists them; taxes and percent
 * riders see the lines before them.
 */
public sealed interface Component permits FixedCharge, UsageCharge, DemandCharge, UnmeteredCharge, MinimumCharge, Rider, Tax {

    /** Short unique code within the version, e.g. {@code CUSTOMER}, {@code ENERGY}, {@code PCA}, {@code SALES_TAX}. */
    String code();

    /** What a bill prints for it, e.g. "Customer charge". */
    String description();

    /** The kind as tariff files write it: fixed, usage, demand, unmetered, minimum, rider, tax. */
    String kind();
}
