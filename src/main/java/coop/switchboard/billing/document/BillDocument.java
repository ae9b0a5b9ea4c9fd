package coop.switchboard.billing.document;

import java.util.List;

/**
 * Everything the bill template prints, already worded and formatted in the account's language, so the template only
 * lays it out and the same words reach the HTML, the PDF and the print extract.
 */
record BillDocument(String lang, String title, Utility utility, String accountNumber, String memberName, List<String> mailingLines,
                    String serviceAddress, String billDate, String period, String days, String dueDate, String amountDue,
                    boolean credit, Summary summary, List<Service> services, List<Message> messages, String scanLine) {

    /** The utility as its header and remittance stub show it. */
    record Utility(String name, String address, String phone, String website, List<String> remitTo) {
    }

    /** Previous balance, payments and adjustments since, current charges and the total due, as printed. */
    record Summary(String previousBalance, String payments, String adjustments, String currentCharges, String totalDue) {
    }

    /** One agreement's part of the bill: where and when, the meter and its reads, the charges, and the usage graph. */
    record Service(String title, String rate, String address, String period, String days, Meter meter, List<Charge> charges,
                   String total, UsageGraph graph) {
    }

    /** The meter's reads and usage for the period; demand only where the rate bills it. */
    record Meter(String number, String previousReading, String presentReading, String usage, boolean estimated, String maximumKw,
                 String billingKw, String averageDaily) {
    }

    record Charge(String description, String quantity, String rate, String amount) {
    }

    /** A message on the bill; an alert (a past-due balance) is printed in bold. */
    record Message(String text, boolean alert) {
    }
}
