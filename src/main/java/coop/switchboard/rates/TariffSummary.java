package coop.switchboard.rates;

import java.time.LocalDate;

/** A rate schedule in a list: its current version's date (on the business date asked about) and how many versions it has. */
public record TariffSummary(String code, String name, String service, String rateClass, String description,
                            LocalDate currentEffective, LocalDate nextEffective, int versions) {
}
