package coop.switchboard.billing;

import coop.switchboard.shared.Money;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.text.NumberFormat;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Explains why a bill differs from an earlier one in sentences a CSR can read to a member, attributing the change in
 * current charges to the number of days, to usage per day, to price changes (rate or rider, season), and to
 * charges on one bill only. Pure: works on two bills as issued; the parts add up to the difference.
 */
final class BillExplainer {
    private BillExplainer() {
    }

    /** One cause of the difference and its share in dollars. */
    record Part(String cause, Money amount, String sentence) {
    }

    static List<Part> explain(BillView now, BillView before, String beforeLabel) {
        List<Part> parts = new ArrayList<>();
        Money difference = now.currentCharges().minus(before.currentCharges());
        long daysNow = days(now);
        long daysBefore = days(before);
        BigDecimal usageNow = usage(now);
        BigDecimal usageBefore = usage(before);
        String unit = unit(now, before);

        // Price changes: the same component at a different unit price, valued at this bill's quantity.
        Map<String, BillView.Line> earlier = new HashMap<>();
        for (BillView.Segment s : before.segments()) {
            for (BillView.Line l : s.lines()) {
                earlier.putIfAbsent(s.rateSchedule() + "/" + l.component() + "/" + tier(l.description()), l);
            }
        }
        Money priceEffect = Money.ZERO;
        List<String> priceSentences = new ArrayList<>();
        for (BillView.Segment s : now.segments()) {
            for (BillView.Line l : s.lines()) {
                BillView.Line old = earlier.get(s.rateSchedule() + "/" + l.component() + "/" + tier(l.description()));
                if (old == null || l.unitPrice() == null || old.unitPrice() == null || l.quantity() == null || l.percentOfDollars()
                        || l.unitPrice().compareTo(old.unitPrice()) == 0) {
                    continue;
                }
                Money effect = Money.rounded(l.unitPrice().subtract(old.unitPrice()).multiply(l.quantity()));
                priceEffect = priceEffect.plus(effect);
                priceSentences.add(l.description() + " went from " + old.priceText() + " to " + l.priceText()
                        + (l.unit() == null || "month".equals(l.unit()) ? "" : " per " + l.unit()) + " (" + signed(effect) + ")");
            }
        }
        if (!priceSentences.isEmpty()) {
            parts.add(new Part("price", priceEffect, "Prices changed since " + beforeLabel + ": " + String.join("; ", priceSentences) + "."));
        }

        // Days and usage per day, at the earlier bill's average price per unit of usage.
        Money rest = difference.minus(priceEffect);
        if (usageNow != null && usageBefore != null && daysNow > 0 && daysBefore > 0 && usageBefore.signum() > 0) {
            BigDecimal perDayBefore = usageBefore.divide(BigDecimal.valueOf(daysBefore), 6, RoundingMode.HALF_UP);
            BigDecimal perDayNow = usageNow.divide(BigDecimal.valueOf(daysNow), 6, RoundingMode.HALF_UP);
            BigDecimal usageCharges = usageCharges(before);
            BigDecimal pricePerUnit = usageCharges.divide(usageBefore, 6, RoundingMode.HALF_UP);
            Money daysEffect = Money.rounded(perDayBefore.multiply(BigDecimal.valueOf(daysNow - daysBefore)).multiply(pricePerUnit));
            Money usageEffect = Money.rounded(perDayNow.subtract(perDayBefore).multiply(BigDecimal.valueOf(daysNow)).multiply(pricePerUnit));
            if (daysNow != daysBefore) {
                parts.add(new Part("days", daysEffect, "This bill covers " + daysNow + " days; " + beforeLabel + " covered " + daysBefore
                        + " (" + (daysNow > daysBefore ? "+" : "") + (daysNow - daysBefore) + " days, about " + signed(daysEffect) + ")."));
            }
            String direction = perDayNow.compareTo(perDayBefore) > 0 ? "more" : "less";
            if (perDayNow.compareTo(perDayBefore) != 0) {
                parts.add(new Part("usage", usageEffect, "Usage was " + figure(perDayNow) + " " + unit + " a day against "
                        + figure(perDayBefore) + " on " + beforeLabel + " (" + percent(perDayNow, perDayBefore) + " " + direction + ", about "
                        + signed(usageEffect) + ")" + (now.segments().stream().anyMatch(BillView.Segment::estimated) ? "; this bill's read was estimated" : "")
                        + "."));
            }
            rest = rest.minus(daysEffect).minus(usageEffect);
        }
        // Whatever is left: fixed charges, taxes on the changes, lines on one bill only.
        if (!rest.isZero()) {
            parts.add(new Part("other", rest, "Taxes, fees and other charges make up the remaining " + signed(rest) + "."));
        }
        return parts;
    }

    /** The headline: "This bill's charges are $12.40 more than last month's ($96.20 against $83.80)." */
    static String headline(BillView now, BillView before, String beforeLabel) {
        Money d = now.currentCharges().minus(before.currentCharges());
        if (d.isZero()) {
            return "This bill's charges are the same as " + beforeLabel + "'s (" + dollars(now.currentCharges()) + ").";
        }
        return "This bill's charges are " + dollars(d.signum() < 0 ? d.negate() : d) + (d.signum() > 0 ? " more" : " less") + " than "
                + beforeLabel + "'s (" + dollars(now.currentCharges()) + " against " + dollars(before.currentCharges()) + ").";
    }

    private static String tier(String description) {
        // "Energy (Winter), first 500 kWh" and "Energy (Summer), first 500 kWh" are the same tier in another season.
        return description.replaceAll("\\s*\\((Summer|Winter|Spring|Fall|Autumn)[^)]*\\)", "");
    }

    private static long days(BillView b) {
        return b.segments().stream().filter(s -> s.usage() != null).mapToLong(BillView.Segment::days).max()
                .orElse(b.periodTo().toEpochDay() - b.periodFrom().toEpochDay());
    }

    private static BigDecimal usage(BillView b) {
        BigDecimal sum = null;
        for (BillView.Segment s : b.segments()) {
            if (s.usage() != null && "ELECTRIC".equals(s.service())) {
                sum = sum == null ? s.usage() : sum.add(s.usage());
            }
        }
        if (sum == null) {
            for (BillView.Segment s : b.segments()) {
                if (s.usage() != null) {
                    sum = sum == null ? s.usage() : sum.add(s.usage());
                }
            }
        }
        return sum;
    }

    private static String unit(BillView now, BillView before) {
        for (BillView b : List.of(now, before)) {
            for (BillView.Segment s : b.segments()) {
                if (s.usageUnit() != null && "ELECTRIC".equals(s.service())) {
                    return s.usageUnit();
                }
            }
        }
        return now.segments().stream().map(BillView.Segment::usageUnit).filter(u -> u != null).findFirst().orElse("kWh");
    }

    /** What the usage-priced lines (energy, riders per unit) of a bill came to. */
    private static BigDecimal usageCharges(BillView b) {
        BigDecimal sum = BigDecimal.ZERO;
        for (BillView.Segment s : b.segments()) {
            for (BillView.Line l : s.lines()) {
                if (l.quantity() != null && !l.percentOfDollars() && s.usageUnit() != null && s.usageUnit().equals(l.unit())) {
                    sum = sum.add(l.amount().amount());
                }
            }
        }
        return sum;
    }

    private static String signed(Money m) {
        return (m.signum() < 0 ? "−" : "+") + dollars(m.signum() < 0 ? m.negate() : m);
    }

    static String dollars(Money m) {
        NumberFormat f = NumberFormat.getNumberInstance(Locale.US);
        f.setMinimumFractionDigits(2);
        f.setMaximumFractionDigits(2);
        return (m.signum() < 0 ? "-$" : "$") + f.format(m.amount().abs());
    }

    private static String figure(BigDecimal v) {
        NumberFormat f = NumberFormat.getNumberInstance(Locale.US);
        f.setMaximumFractionDigits(1);
        return f.format(v);
    }

    private static String percent(BigDecimal now, BigDecimal before) {
        return now.subtract(before).abs().multiply(BigDecimal.valueOf(100)).divide(before, 0, RoundingMode.HALF_UP) + "%";
    }
}
