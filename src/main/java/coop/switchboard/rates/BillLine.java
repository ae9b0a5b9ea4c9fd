package coop.switchboard.rates;

import coop.switchboard.shared.Money;
import coop.switchboard.shared.Quantity;
import coop.switchboard.shared.UnitPrice;

/**
 * One line of a rated bill: what it is, quantity × unit price = amount (rounded to cents once), and the tariff
 * component (by code and kind) it came from.
 */
public record BillLine(String component, String kind, String description, Quantity quantity, String unit,
                       UnitPrice unitPrice, Money amount) {
}
