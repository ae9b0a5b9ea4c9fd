package coop.switchboard.billing;

import coop.switchboard.ledger.EntryKind;
import coop.switchboard.ledger.GlAccounts;
import coop.switchboard.ledger.NewEntry;
import coop.switchboard.shared.Money;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A bill's ledger entries: one per general-ledger account the bill's charges go to (sales revenue per service and rate
 * schedule, and taxes collected per service), each against receivables. The bill itself holds every line; the ledger
 * needs only what the journal distributes, so the bill run writes about two entries a bill rather than one per kind
 * of charge.
 */
final class BillPostings {
    private final List<Part> parts = new ArrayList<>(4);
    /** Revenue accounts by service and schedule, named once rather than for every bill. */
    private static final Map<String, Map<String, String>> REVENUE = new java.util.concurrent.ConcurrentHashMap<>();

    private static final class Part {
        final String service;
        final String schedule;
        final boolean tax;
        final String gl;
        Money amount = Money.ZERO;

        Part(String service, String schedule, boolean tax, String gl) {
            this.service = service;
            this.schedule = schedule;
            this.tax = tax;
            this.gl = gl;
        }
    }

    /** Adds one charge line of a segment (its service, rate schedule and kind of charge). */
    void add(String service, String schedule, String kind, Money amount) {
        boolean tax = "tax".equals(kind);
        for (Part p : parts) {
            if (p.tax == tax && p.service.equals(service) && (tax || p.schedule.equals(schedule))) {
                p.amount = p.amount.plus(amount);
                return;
            }
        }
        Part part = new Part(service, schedule, tax, tax ? GlAccounts.TAXES_PAYABLE
                : REVENUE.computeIfAbsent(service, k -> new java.util.concurrent.ConcurrentHashMap<>())
                        .computeIfAbsent(schedule, k -> GlAccounts.revenue(service, schedule)));
        part.amount = amount;
        parts.add(part);
    }

    boolean isEmpty() {
        return parts.isEmpty();
    }

    /** The entries, revenue before taxes; accounts whose charges net to zero are left out. */
    List<NewEntry> entries(long accountId, long billId, LocalDate date, LocalDate dueDate, LocalDate from, LocalDate to) {
        List<NewEntry> list = new ArrayList<>(parts.size());
        String period = ", " + from + " to " + to;
        for (boolean taxes : new boolean[]{false, true}) {
            for (Part p : parts) {
                if (p.tax != taxes || p.amount.isZero()) {
                    continue;
                }
                String service = p.service.charAt(0) + p.service.substring(1).toLowerCase(Locale.ROOT);
                String description = taxes ? service + " taxes" + period : service + " " + p.schedule + period;
                list.add(NewEntry.charge(accountId, date, EntryKind.CHARGE, p.amount, p.service, taxes ? "tax" : "charges", p.gl, "BILL",
                        billId, description, dueDate));
            }
        }
        return list;
    }
}
