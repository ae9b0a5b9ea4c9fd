package coop.switchboard.payments;

import coop.switchboard.ledger.EntryKind;
import coop.switchboard.ledger.LedgerItems.Item;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Which of an account's charges are still open, and how a new payment pays them: by the policy's order of kinds
 * (say arrangement installments, then deposits, then fees, then everything else), oldest first within each; what is
 * left over stays as a credit balance.
 *
 * <p>What is open is worked out from the ledger: a charge is paid by the allocations of the payments that paid it
 * (unless the payment was reversed), by a reversal of that very charge, and by every other credit (a credit
 * adjustment, a transfer in, the unapplied part of a payment, a payment posted without allocations) oldest charge
 * first. A reversed payment's allocations no longer count, so the charges it paid are open again, and the reversal
 * entry itself is not a new charge.
 */
public final class Allocation {
    private final List<String> order;

    /** @param order kinds or categories in the order they are paid ({@code ARRANGEMENT,DEPOSIT,FEE}); the rest come after */
    public Allocation(List<String> order) {
        this.order = order.stream().map(s -> s.trim().toUpperCase(Locale.ROOT)).filter(s -> !s.isEmpty()).toList();
    }

    /** A part of a payment: the charge it paid, or null for what was left as a credit. */
    public record Applied(Long entryId, BigDecimal amount) {
    }

    /** A charge with what is still owed on it. */
    public record OpenCharge(long entryId, LocalDate date, EntryKind kind, String category, BigDecimal open) {
    }

    /**
     * The account's open charges in the order a payment pays them.
     *
     * @param items       the account's entries in posting order
     * @param allocations the allocations of this module's payments, by payment id (a PAYMENT entry's source id)
     */
    public List<OpenCharge> openCharges(List<Item> items, Map<Long, List<Applied>> allocations) {
        Set<Long> reversed = new HashSet<>();
        for (Item i : items) {
            if (i.kind() == EntryKind.REVERSAL && i.reversesId() != null) {
                reversed.add(i.reversesId());
            }
        }
        Map<Long, Item> charges = new LinkedHashMap<>();
        Map<Long, BigDecimal> open = new HashMap<>();
        for (Item i : items) {
            if (i.amount().signum() > 0 && i.kind() != EntryKind.REVERSAL) {
                charges.put(i.id(), i);
                open.put(i.id(), i.amount());
            }
        }
        BigDecimal pool = BigDecimal.ZERO;
        for (Item i : items) {
            if (i.amount().signum() >= 0 || reversed.contains(i.id())) {
                continue;
            }
            if (i.kind() == EntryKind.REVERSAL) {
                // A reversal of a charge takes that charge back. (A reversal of a credit is positive: the credit it
                // reverses is skipped above, which re-opens what it paid.)
                if (i.reversesId() != null && open.containsKey(i.reversesId())) {
                    open.merge(i.reversesId(), i.amount(), BigDecimal::add);
                } else {
                    pool = pool.add(i.amount().negate());
                }
                continue;
            }
            List<Applied> applied = i.kind() == EntryKind.PAYMENT && "PAYMENT".equals(i.sourceType()) ? allocations.get(i.sourceId()) : null;
            BigDecimal credit = i.amount().negate();
            if (applied != null) {
                for (Applied a : applied) {
                    if (a.entryId() != null && open.containsKey(a.entryId())) {
                        open.merge(a.entryId(), a.amount().negate(), BigDecimal::add);
                        credit = credit.subtract(a.amount());
                    }
                }
            }
            pool = pool.add(credit.max(BigDecimal.ZERO));
        }
        // A charge taken back after it was paid (cancelled and rebilled) leaves what paid it as a credit for the others.
        for (Map.Entry<Long, BigDecimal> o : open.entrySet()) {
            if (o.getValue().signum() < 0) {
                pool = pool.add(o.getValue().negate());
                o.setValue(BigDecimal.ZERO);
            }
        }
        List<Item> byAge = new ArrayList<>(charges.values());
        byAge.sort(Comparator.comparing(Item::date).thenComparingLong(Item::id));
        for (Item c : byAge) {
            if (pool.signum() <= 0) {
                break;
            }
            BigDecimal owed = open.get(c.id());
            if (owed.signum() <= 0) {
                continue;
            }
            BigDecimal take = owed.min(pool);
            open.put(c.id(), owed.subtract(take));
            pool = pool.subtract(take);
        }
        List<OpenCharge> result = new ArrayList<>();
        for (Item c : byAge) {
            BigDecimal owed = open.get(c.id());
            if (owed.signum() > 0) {
                result.add(new OpenCharge(c.id(), c.date(), c.kind(), c.category(), owed));
            }
        }
        result.sort(Comparator.comparingInt(this::rank).thenComparing(OpenCharge::date).thenComparingLong(OpenCharge::entryId));
        return result;
    }

    /** How a payment of {@code amount} pays these open charges (in {@link #openCharges} order); the rest is a credit. */
    public static List<Applied> apply(BigDecimal amount, List<OpenCharge> open) {
        List<Applied> result = new ArrayList<>();
        BigDecimal left = amount;
        for (OpenCharge c : open) {
            if (left.signum() <= 0) {
                break;
            }
            BigDecimal take = c.open().min(left);
            result.add(new Applied(c.entryId(), take));
            left = left.subtract(take);
        }
        if (left.signum() > 0) {
            result.add(new Applied(null, left));
        }
        return result;
    }

    private int rank(OpenCharge c) {
        for (int i = 0; i < order.size(); i++) {
            String token = order.get(i);
            if (token.equals(c.kind().name()) || (c.category() != null && token.equalsIgnoreCase(c.category()))) {
                return i;
            }
        }
        return order.size();
    }
}
