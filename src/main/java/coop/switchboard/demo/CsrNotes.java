package coop.switchboard.demo;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.TextStyle;
import java.util.Locale;
import java.util.random.RandomGenerator;

/** Interaction notes written the way member services staff write them: short, abbreviated, to the point. */
final class CsrNotes {
    private static final DateTimeFormatter SHORT = DateTimeFormatter.ofPattern("M/d");

    /** One logged interaction, before it is given an account and a time. */
    record Note(String kind, String category, String createdBy, String body) {
    }

    private record Template(String category, String kinds, String authors, String text) {
    }

    private static final Template[] ROUTINE = {
            t("Billing question", "CALL", "csr", "Mbr called re {month} bill; walked through facilities charge vs energy charge. Satisfied."),
            t("Billing question", "CALL", "billing", "Asked why due date moved; explained read schedule for cycle {cycle}. No further action."),
            t("Billing question", "CALL", "csr", "Mbr asked about late fee on {month} bill; waived as courtesy (1st in 12 mos)."),
            t("Billing question", "EMAIL", "billing", "Mbr emailed asking for copy of {month} bill for taxes; sent PDF."),
            t("Billing question", "WALK_IN", "csr", "Mbr in lobby w/ questions on {month} bill; reviewed usage history, no errors found."),
            t("High bill", "CALL", "billing", "Mbr called re high bill; explained cold snap usage; offered budget billing."),
            t("High bill", "CALL", "billing", "High bill complaint, {kwh} kWh vs {kwh2} same mo last yr. Reviewed AMI interval data - heat strip running overnight. Sent energy audit info."),
            t("High bill", "CALL", "csr", "Mbr disputes usage. Reads verified, no estimates. Offered meter test (${fee} if meter tests accurate); mbr declined."),
            t("High bill", "WALK_IN", "csr", "Mbr brought in bill, thinks meter is wrong. Checked reads vs interval data, consistent. Explained stock tank heater usage."),
            t("Payment arrangement", "CALL", "collections", "Set up pmt arrangement: ${amt} down, bal over 3 mos w/ current bill."),
            t("Payment arrangement", "CALL", "collections", "Mbr requested extension to {date}; granted, disconnect notice held."),
            t("Payment arrangement", "CALL", "collections", "Missed arrangement pmt; left VM reminding mbr of {date} due date."),
            t("Payment arrangement", "LETTER", "collections", "Mailed 10-day disconnect notice, past due ${amt}."),
            t("Payment arrangement", "CALL", "collections", "Mbr referred to energy assistance (LIHEAP) at community action agency; notice held 10 days."),
            t("Outage report", "CALL", "csr", "Mbr reported outage, neighbors also out. Ticket to dispatch."),
            t("Outage report", "CALL", "csr", "Lights flickering since storm; sent lineman to check transformer {tx}."),
            t("Outage report", "CALL", "csr", "Tree leaning on line along {street}; reported to ops for right-of-way crew."),
            t("Outage report", "CALL", "supervisor", "Partial power (half the house out). Crew found bad neutral at {tx}, repaired."),
            t("Service order", "CALL", "csr", "Mbr requested meter reread; order created."),
            t("Service order", "CALL", "csr", "Request to upgrade to 200A service for new shop; sent to engineering for staking."),
            t("Service order", "CALL", "collections", "Pmt rec'd, scheduled reconnect same day."),
            t("Service order", "CALL", "csr", "Locate request forwarded to 811; mbr putting in fence posts along {street}."),
            t("Budget billing", "CALL", "billing", "Enrolled in budget billing, ${amt}/mo, settle-up in {month}."),
            t("Budget billing", "CALL", "billing", "Mbr asked about budget billing; mailed enrollment form."),
            t("Budget billing", "LETTER", "billing", "Mailed annual budget billing review; new amt ${amt}/mo."),
            t("General", "CALL", "csr", "Updated mailing address per mbr."),
            t("General", "CALL", "csr", "Mbr asked when capital credits will be retired; explained board decides each yr."),
            t("General", "EMAIL", "csr", "Mbr signed up for paperless billing; confirmed email."),
            t("General", "CALL", "csr", "Asked about fiber availability on {street}; added to interest list."),
            t("General", "CALL", "csr", "Mbr asked about annual meeting date and director election; mailed notice."),
            t("General", "EMAIL", "csr", "Mbr emailed about net metering for rooftop solar; sent interconnection application."),
            t("General", "NOTE", "csr", "Dog on premises - meter tech use caution."),
            t("General", "NOTE", "csr", "Locked gate, call mbr before site visit. Code on file with ops."),
            t("General", "NOTE", "supervisor", "Medical certificate on file (oxygen concentrator) through {date}. No disconnect without supervisor approval."),
            t("General", "WALK_IN", "csr", "Mbr paid in lobby and asked for auto-pay form; provided."),
    };

    private CsrNotes() {
    }

    private static Template t(String category, String kinds, String authors, String text) {
        return new Template(category, kinds, authors, text);
    }

    /** A routine interaction on an active account on {@code day}. */
    static Note routine(RandomGenerator rng, LocalDate day, String street, String transformer, boolean spanish) {
        Template template = ROUTINE[rng.nextInt(ROUTINE.length)];
        String body = fill(rng, template.text(), day, street, transformer);
        boolean spoken = "CALL".equals(template.kinds()) || "WALK_IN".equals(template.kinds());
        if (spanish && spoken && rng.nextDouble() < 0.6) {
            body = body + " Spoke in Spanish.";
        }
        String author = rng.nextDouble() < 0.05 ? "supervisor" : template.authors();
        return new Note(template.kinds(), template.category(), author, body);
    }

    static Note moveIn(RandomGenerator rng, LocalDate start, boolean spanish, boolean paidFee) {
        String body = "New service, move-in eff " + SHORT.format(start) + "/" + start.getYear()
                + (paidFee ? ". Membership fee paid. Verified photo ID." : ". Membership fee waived per policy. Verified photo ID.")
                + (rng.nextDouble() < 0.4 ? " Deposit waived - good credit ltr from prior utility." : "");
        return new Note(rng.nextDouble() < 0.7 ? "CALL" : "WALK_IN", "Move in", "csr", spanish ? body + " Spoke in Spanish." : body);
    }

    static Note pending(LocalDate start) {
        return new Note("CALL", "Move in", "csr", "Move-in requested eff " + SHORT.format(start)
                + "; membership application rec'd, awaiting ID verification and deposit.");
    }

    static Note moveOut(RandomGenerator rng, LocalDate end) {
        String body = rng.nextDouble() < 0.5
                ? "Mbr called to stop service eff " + SHORT.format(end) + "; final bill to fwd address."
                : "Move-out " + SHORT.format(end) + ". Final read by AMI, final bill mailed to new address.";
        return new Note("CALL", "Service order", "csr", body);
    }

    static Note writtenOff(LocalDate when) {
        return new Note("NOTE", "Payment arrangement", "collections",
                "Final bill unpaid 120+ days; no response to letters. Written off and placed with collection agency "
                        + SHORT.format(when) + "/" + when.getYear() + ".");
    }

    private static String fill(RandomGenerator rng, String text, LocalDate day, String street, String transformer) {
        if (text.indexOf('{') < 0) {
            return text;
        }
        int kwh = 900 + rng.nextInt(3600);
        return text.replace("{month}", day.minusMonths(rng.nextInt(2)).getMonth().getDisplayName(TextStyle.SHORT, Locale.US))
                .replace("{cycle}", Integer.toString(1 + rng.nextInt(20)))
                .replace("{kwh2}", Integer.toString(kwh * (55 + rng.nextInt(30)) / 100))
                .replace("{kwh}", Integer.toString(kwh))
                .replace("{amt}", money(rng, 40, 420))
                .replace("{fee}", "35.00")
                .replace("{date}", SHORT.format(day.plusDays(7 + rng.nextInt(60))))
                .replace("{street}", street)
                .replace("{tx}", transformer == null ? "the transformer" : transformer);
    }

    private static String money(RandomGenerator rng, int low, int high) {
        return (low + rng.nextInt(high - low)) + "." + (rng.nextBoolean() ? "00" : String.format(Locale.ROOT, "%02d", rng.nextInt(100)));
    }
}
