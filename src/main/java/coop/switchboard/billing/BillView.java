package coop.switchboard.billing;

import coop.switchboard.shared.Money;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * A bill: its service segments (one per agreement and period) with their lines, the account's previous balance,
 * payments and adjustments since the last bill, current charges and total due, and why it is held when it is.
 */
public record BillView(long id, long accountId, Long runId, LocalDate billDate, LocalDate dueDate, LocalDate periodFrom,
                       LocalDate periodTo, String status, Money previousBalance, Money payments, Money adjustments,
                       Money currentCharges, Money totalDue, List<String> holdReasons, Long correctsBillId, Instant createdAt,
                       List<Segment> segments, Money amountDue, Money budgetInstallment, Money budgetDeferred) {

    /** Whether the account is on budget billing: the amount due is the installment (plus anything unpaid), not the balance. */
    public boolean onBudget() {
        return budgetInstallment != null;
    }

    public boolean held() {
        return "HELD".equals(status);
    }

    /** One agreement's part of the bill. */
    public record Segment(long id, long agreementId, long servicePointId, String service, String rateSchedule, LocalDate from,
                          LocalDate to, BigDecimal usage, String usageUnit, BigDecimal maximumKw, BigDecimal billingKw,
                          boolean estimated, String meterNumber, BigDecimal previousReading, BigDecimal presentReading,
                          Money charges, List<Line> lines) {
        public long days() {
            return to.toEpochDay() - from.toEpochDay();
        }
    }

    /** A charge: quantity × unit price = amount, and the tariff component it came from. */
    public record Line(int seq, String component, String kind, String description, BigDecimal quantity, String unit,
                       BigDecimal unitPrice, Money amount) {

        /** Whether the line is a percentage of other lines (a tax, fee or percent rider): its quantity is dollars. */
        public boolean percentOfDollars() {
            return "$".equals(unit);
        }

        /** The quantity as a bill prints it: "700 kWh", "1 month", or "$59.24" for a percentage's base. */
        public String quantityText() {
            if (quantity == null) {
                return "";
            }
            if (percentOfDollars()) {
                return "$" + quantity.setScale(2, java.math.RoundingMode.HALF_UP).toPlainString();
            }
            String q = quantity.stripTrailingZeros().toPlainString();
            return unit == null ? q : q + " " + unit;
        }

        /** The price as a bill prints it: "$0.0950", or "3%" for a percentage. */
        public String priceText() {
            if (unitPrice == null) {
                return "";
            }
            if (percentOfDollars()) {
                return unitPrice.movePointRight(2).stripTrailingZeros().toPlainString() + "%";
            }
            BigDecimal p = unitPrice.stripTrailingZeros();
            return "$" + (p.scale() < 2 ? p.setScale(2) : p).toPlainString();
        }
    }
}
