package coop.switchboard.billing;

import coop.switchboard.shared.Money;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import java.math.BigDecimal;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The utility's billing rules, as settings: days from bill date to due date, when a bill is held for review (high or
 * low against the account's recent bills, estimated too many times in a row, larger than a limit per rate schedule),
 * and how a bill run divides and works its accounts.
 */
@Component
class BillingPolicy {
    final int dueDays;
    final BigDecimal highFactor;
    final BigDecimal lowFactor;
    final Money minimumForComparison;
    final int maxConsecutiveEstimates;
    final Money largeBill;
    final Map<String, Money> largeBillBySchedule = new HashMap<>();
    final int chunkSize;
    final int threads;

    BillingPolicy(@Value("${switchboard.billing.due-days:20}") int dueDays,
                  @Value("${switchboard.billing.hold.high-factor:2.5}") BigDecimal highFactor,
                  @Value("${switchboard.billing.hold.low-factor:0.3}") BigDecimal lowFactor,
                  @Value("${switchboard.billing.hold.minimum-for-comparison:25.00}") String minimumForComparison,
                  @Value("${switchboard.billing.hold.consecutive-estimates:3}") int maxConsecutiveEstimates,
                  @Value("${switchboard.billing.hold.large-bill:2500.00}") String largeBill,
                  @Value("${switchboard.billing.hold.large-bill-by-schedule:GS=10000.00,LP=150000.00,IRR=40000.00}") String bySchedule,
                  @Value("${switchboard.billing.run.chunk-size:1000}") int chunkSize,
                  @Value("${switchboard.billing.run.threads:2}") int threads) {
        this.dueDays = dueDays;
        this.highFactor = highFactor;
        this.lowFactor = lowFactor;
        this.minimumForComparison = Money.of(minimumForComparison);
        this.maxConsecutiveEstimates = maxConsecutiveEstimates;
        this.largeBill = Money.of(largeBill);
        for (String pair : bySchedule.split(",")) {
            String[] kv = pair.split("=");
            if (kv.length == 2) {
                largeBillBySchedule.put(kv[0].trim().toUpperCase(Locale.ROOT), Money.of(kv[1].trim()));
            }
        }
        this.chunkSize = Math.max(1, chunkSize);
        this.threads = Math.max(1, threads);
    }

    /** The amount above which a bill on this schedule is held: the schedule's own limit, or the general one. */
    Money largeBillLimit(String schedule) {
        return largeBillBySchedule.getOrDefault(schedule.toUpperCase(Locale.ROOT), largeBill);
    }
}
