package coop.switchboard.ledger;

import coop.switchboard.shared.Money;

import java.time.LocalDate;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

/**
 * A balance split by the age of what makes it up, counted from each charge's date: current (under 30 days), 30 (30 to
 * 59 days), 60 (60 to 89) and 90+ days. Credits (payments, credit adjustments) pay the oldest charges first; a
 * credit balance shows as a negative current amount. The four buckets always add up to the balance.
 */
public record Aging(LocalDate asOf, Money current, Money days30, Money days60, Money days90Plus) {

    public Money total() {
        return current.plus(days30).plus(days60).plus(days90Plus);
    }

    /** What is past 30 days old. */
    public Money pastDue30() {
        return days30.plus(days60).plus(days90Plus);
    }

    /** An entry as aging sees it: its date and its effect on the balance. */
    record Item(LocalDate date, Money amount) {
    }

    static Aging of(List<Item> items, LocalDate asOf) {
        Deque<long[]> open = new ArrayDeque<>(); // [epochDay, cents left], oldest first
        long credit = 0;
        for (Item item : items) {
            long cents = item.amount().cents();
            if (cents > 0) {
                long left = cents;
                if (credit > 0) {
                    long used = Math.min(credit, left);
                    credit -= used;
                    left -= used;
                }
                if (left > 0) {
                    open.addLast(new long[]{item.date().toEpochDay(), left});
                }
            } else if (cents < 0) {
                long pay = -cents;
                while (pay > 0 && !open.isEmpty()) {
                    long[] oldest = open.peekFirst();
                    long used = Math.min(pay, oldest[1]);
                    oldest[1] -= used;
                    pay -= used;
                    if (oldest[1] == 0) {
                        open.removeFirst();
                    }
                }
                credit += pay;
            }
        }
        long[] buckets = new long[4];
        long today = asOf.toEpochDay();
        for (long[] charge : open) {
            long age = today - charge[0];
            buckets[age < 30 ? 0 : age < 60 ? 1 : age < 90 ? 2 : 3] += charge[1];
        }
        buckets[0] -= credit;
        return new Aging(asOf, Money.ofCents(buckets[0]), Money.ofCents(buckets[1]), Money.ofCents(buckets[2]), Money.ofCents(buckets[3]));
    }
}
