package coop.switchboard.rates;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;

/**
 * How usage falls into blocks, in ten-thousandths: a period's own usage against its own blocks, or (URDB and NREL SAM)
 * the total against the tiers with each period taking its proportional share of every tier. Pure arithmetic; the
 * caller turns each piece into a priced line.
 */
final class BlockAllocation {

    /** Receives one piece: {@code quantity} of period {@code period}'s usage in its block {@code block}. */
    interface Sink {
        void piece(int period, int block, long quantity);
    }

    private BlockAllocation() {
    }

    /** One period's usage against its own block limits (cumulative, {@link Long#MAX_VALUE} for none). */
    static void ownUsage(int period, long quantity, long[] limits, Sink sink) {
        long prev = 0;
        for (int b = 0; b < limits.length; b++) {
            long inTier = Math.max(0, Math.min(quantity, limits[b]) - prev);
            if (inTier != 0) {
                sink.piece(period, b, inTier);
            }
            if (quantity <= limits[b]) {
                break;
            }
            prev = limits[b];
        }
    }

    /**
     * Tiers count the total; each period's usage takes its proportional share of every tier. When all periods have the
     * same tier limits ({@code sharedTiers}), the last period takes what is left of each tier so every tier sums
     * exactly; otherwise each period's last tier takes what is left of the period's own usage.
     */
    static void shareOfTotal(long[] usage, long total, long[][] limits, boolean sharedTiers, Sink sink) {
        int lastUsed = -1;
        int maxTiers = 0;
        for (int p = 0; p < usage.length; p++) {
            if (usage[p] != 0) {
                lastUsed = p;
            }
            maxTiers = Math.max(maxTiers, limits[p].length);
        }
        long[] allocatedByTier = new long[maxTiers];
        for (int p = 0; p <= lastUsed; p++) {
            if (usage[p] == 0) {
                continue;
            }
            long[] lim = limits[p];
            long prev = 0;
            long periodAllocated = 0;
            for (int b = 0; b < lim.length; b++) {
                long inTier = Math.max(0, Math.min(total, lim[b]) - prev);
                long mine;
                if (sharedTiers && p == lastUsed) {
                    mine = inTier - allocatedByTier[b];
                } else if (!sharedTiers && total <= lim[b]) {
                    mine = usage[p] - periodAllocated;
                } else {
                    mine = proportion(inTier, usage[p], total);
                    allocatedByTier[b] += mine;
                }
                periodAllocated += mine;
                if (mine != 0) {
                    sink.piece(p, b, mine);
                }
                if (total <= lim[b]) {
                    break;
                }
                prev = lim[b];
            }
        }
    }

    /** A block limit times num/den (a prorated month, days, or kW for hours-use blocks), rounded half-up; no limit stays none. */
    static long scale(long limit, long num, long den) {
        if (num == den || limit == Long.MAX_VALUE) {
            return limit;
        }
        return BigInteger.valueOf(limit).multiply(BigInteger.valueOf(num)).add(BigInteger.valueOf(den / 2))
                .divide(BigInteger.valueOf(den)).longValueExact();
    }

    /** a / b (b > 0) rounded half-up, i.e. half away from zero as {@link RoundingMode#HALF_UP} does for negatives too. */
    static long divide(long a, long b) {
        long q = a / b;
        long r = Math.abs(a % b);
        return r >= b - r ? q + Long.signum(a) : q;
    }

    /** amount × part / whole, rounded half-up, without overflow. */
    static long proportion(long amount, long part, long whole) {
        try {
            return divide(Math.multiplyExact(amount, part), whole);
        } catch (ArithmeticException overflow) {
            return BigDecimal.valueOf(amount).multiply(BigDecimal.valueOf(part))
                    .divide(BigDecimal.valueOf(whole), 0, RoundingMode.HALF_UP).longValueExact();
        }
    }
}
