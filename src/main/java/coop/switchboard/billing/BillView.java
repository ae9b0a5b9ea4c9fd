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
                       List<Segment> segments) {

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
    }
}
