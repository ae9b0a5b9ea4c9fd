package coop.switchboard.rates;

import coop.switchboard.shared.Money;
import coop.switchboard.shared.Quantity;
import coop.switchboard.shared.ServicePeriod;

import java.time.LocalDate;
import java.util.List;

/**
 * The result of rating one service period: its lines, whose sum is the total, and the determinants used (total kWh,
 * maximum and billing kW) so the bill can show them. {@code versions} lists the effective dates of the tariff versions
 * applied, in order.
 */
public record RatedBill(String tariff, ServicePeriod period, List<BillLine> lines, Money total, Quantity kwh,
                        Quantity maximumKw, Quantity billingKw, List<LocalDate> versions) {
    public RatedBill {
        lines = List.copyOf(lines);
    }

    /** The charges a later annual minimum counts: everything but taxes and riders. */
    public Money baseCharges() {
        Money sum = Money.ZERO;
        for (BillLine line : lines) {
            if (!line.kind().equals("tax") && !line.kind().equals("rider")) {
                sum = sum.plus(line.amount());
            }
        }
        return sum;
    }
}
