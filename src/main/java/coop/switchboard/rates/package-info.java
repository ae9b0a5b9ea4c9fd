/**
 * Tariffs and the rating engine. A {@link coop.switchboard.rates.Tariff} (rate schedule) holds effective-dated
 * {@link coop.switchboard.rates.TariffVersion}s made of components (customer charge, energy blocks, seasons,
 * time-of-use, demand with ratchet, minimums, riders, taxes, unmetered lights); {@link coop.switchboard.rates.RatingEngine}
 * turns a service period and its usage into explainable bill lines, each rounded to cents once. Tariffs are stored
 * versioned and audited by {@link coop.switchboard.rates.TariffService}, read and written as YAML, and imported from
 * OpenEI URDB JSON.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Rates", allowedDependencies = "shared")
package coop.switchboard.rates;
