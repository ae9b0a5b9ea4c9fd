package coop.switchboard.billing;

import coop.switchboard.shared.Money;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;

/**
 * Decides whether a bill goes out or waits for a person: each reason in words a billing clerk can act on. Pure; the
 * thresholds come from {@link BillingPolicy}.
 */
final class BillChecks {
    private final BillingPolicy policy;

    BillChecks(BillingPolicy policy) {
        this.policy = policy;
    }

    /** What a bill's segment brings to the checks. */
    record Segment(String schedule, List<String> problems, int consecutiveEstimates) {
    }

    /**
     * Reasons to hold the bill (empty: issue it). {@code recentAverage} is the mean current charges of the account's
     * last three issued bills, or null without history.
     */
    List<String> reasons(Money currentCharges, List<Segment> segments, Money recentAverage) {
        List<String> reasons = new ArrayList<>();
        for (Segment s : segments) {
            reasons.addAll(s.problems());
            if (s.consecutiveEstimates() >= policy.maxConsecutiveEstimates) {
                reasons.add("estimated " + s.consecutiveEstimates() + " periods in a row on " + s.schedule() + ": arrange an actual read");
            }
        }
        if (!reasons.isEmpty()) {
            return reasons;
        }
        if (currentCharges.signum() <= 0) {
            reasons.add(currentCharges.isZero() ? "the bill comes to $0.00" : "the bill comes to a credit of $" + currentCharges.negate());
        }
        Money limit = segments.stream().map(s -> policy.largeBillLimit(s.schedule())).max(Money::compareTo).orElse(policy.largeBill);
        if (currentCharges.compareTo(limit) > 0) {
            reasons.add("current charges of $" + currentCharges + " are over the $" + limit + " review limit");
        }
        if (recentAverage != null && recentAverage.compareTo(policy.minimumForComparison) >= 0 && currentCharges.signum() > 0) {
            BigDecimal ratio = currentCharges.amount().divide(recentAverage.amount(), 4, RoundingMode.HALF_UP);
            if (ratio.compareTo(policy.highFactor) > 0) {
                reasons.add("current charges of $" + currentCharges + " are " + ratio.setScale(1, RoundingMode.HALF_UP)
                        + " times the recent average of $" + recentAverage);
            } else if (ratio.compareTo(policy.lowFactor) < 0) {
                reasons.add("current charges of $" + currentCharges + " are only " + ratio.multiply(BigDecimal.valueOf(100)).setScale(0, RoundingMode.HALF_UP)
                        + "% of the recent average of $" + recentAverage);
            }
        }
        return reasons;
    }
}
