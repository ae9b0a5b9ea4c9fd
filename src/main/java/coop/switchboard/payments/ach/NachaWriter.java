package coop.switchboard.payments.ach;

import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes a {@link NachaFile} as NACHA text: records of exactly 94 characters, each ending in a line feed, the last
 * block filled to ten records with lines of 94 nines. Batch and file controls are computed from the entries; a file
 * whose own controls disagree with its entries is refused rather than written with totals the bank would reject.
 *
 * <p>The writer changes nothing: a field too long for its place, or holding a character outside printable ASCII, is
 * refused with {@link IllegalArgumentException}. {@link NachaFileBuilder} is where names are upper-cased, folded to
 * ASCII and cut to fit. IAT batches and ADV entries cannot be written.
 *
 * <p>A file read and written again keeps every record, except that the batch header's settlement date (positions
 * 76-78, which the ACH operator fills in) and an effective entry date of zeros are written blank, and a company
 * identification is written left-justified.
 */
public final class NachaWriter {
    private static final String PADDING = "9".repeat(RecordLine.LENGTH);
    private static final DateTimeFormatter HHMM = DateTimeFormatter.ofPattern("HHmm");

    private NachaWriter() {
    }

    public static String write(NachaFile file) {
        List<String> lines = new ArrayList<>();
        lines.add(fileHeader(file.header()));
        for (Batch batch : file.batches()) {
            BatchHeader header = batch.header();
            if (header.secCode() == SecCode.IAT) {
                throw new IllegalArgumentException("batch " + header.batchNumber() + " is IAT; IAT batches cannot be written");
            }
            lines.add(batchHeader(header));
            for (Entry entry : batch.entries()) {
                lines.add(entry(entry, header));
                for (Addenda addenda : entry.addenda()) {
                    lines.add(addenda(addenda));
                }
            }
            BatchControl computed = BatchControl.of(header, batch.entries());
            BatchControl given = batch.control();
            if (!given.equals(withMac(computed, given.messageAuthenticationCode()))) {
                throw new IllegalArgumentException("batch " + header.batchNumber() + "'s control " + given
                        + " disagrees with its header and entries, which give " + computed);
            }
            lines.add(batchControl(given));
        }
        FileControl computed = FileControl.of(file.batches());
        if (!file.control().equals(computed)) {
            throw new IllegalArgumentException("the file control " + file.control()
                    + " disagrees with the batches, which give " + computed);
        }
        lines.add(fileControl(computed));
        while (lines.size() % 10 != 0) {
            lines.add(PADDING);
        }
        return String.join("\n", lines) + "\n";
    }

    private static BatchControl withMac(BatchControl c, String mac) {
        return new BatchControl(c.serviceClassCode(), c.entryAddendaCount(), c.entryHash(), c.totalDebitCents(),
                c.totalCreditCents(), c.companyIdentification(), mac, c.originatingDfi(), c.batchNumber());
    }

    private static String fileHeader(FileHeader h) {
        String destination = AbaRouting.requireValid(h.immediateDestination());
        return new FixedWidthRecord('1', "file header")
                .text("01", 2, "priority code")
                .text(" " + destination, 10, "immediate destination")
                .rightJustified(h.immediateOrigin(), 10, "immediate origin")
                .date(h.fileCreationDate())
                .text(h.fileCreationTime() == null ? "" : HHMM.format(h.fileCreationTime()), 4, "file creation time")
                .text(String.valueOf(h.fileIdModifier()), 1, "file ID modifier")
                .text("094", 3, "record size")
                .text("10", 2, "blocking factor")
                .text("1", 1, "format code")
                .text(h.destinationName(), 23, "immediate destination name")
                .text(h.originName(), 23, "immediate origin name")
                .text(h.referenceCode(), 8, "reference code")
                .build();
    }

    private static String batchHeader(BatchHeader h) {
        return new FixedWidthRecord('5', "batch header")
                .number(h.serviceClassCode(), 3, "service class code")
                .text(h.companyName(), 16, "company name")
                .text(h.companyDiscretionaryData(), 20, "company discretionary data")
                .text(h.companyIdentification(), 10, "company identification")
                .text(h.secCode().name(), 3, "standard entry class code")
                .text(h.companyEntryDescription(), 10, "company entry description")
                .text(h.companyDescriptiveDate(), 6, "company descriptive date")
                .date(h.effectiveEntryDate())
                .blank(3)
                .text(String.valueOf(h.originatorStatusCode()), 1, "originator status code")
                .digits(h.originatingDfi(), 8, "originating DFI")
                .number(h.batchNumber(), 7, "batch number")
                .build();
    }

    private static String entry(Entry e, BatchHeader header) {
        AbaRouting.problem(e.routingNumber()).ifPresent(p -> {
            throw new IllegalArgumentException("entry " + e.traceNumber() + ": receiving DFI " + p);
        });
        if (!TransactionCodes.isKnown(e.transactionCode())) {
            throw new IllegalArgumentException("entry " + e.traceNumber() + ": transaction code " + e.transactionCode()
                    + " is not a NACHA transaction code");
        }
        if ((header.serviceClassCode() == BatchHeader.DEBITS_ONLY && e.isCredit())
                || (header.serviceClassCode() == BatchHeader.CREDITS_ONLY && e.isDebit())) {
            throw new IllegalArgumentException("entry " + e.traceNumber() + " (transaction code " + e.transactionCode()
                    + ") does not belong in a batch of service class " + header.serviceClassCode());
        }
        if (e.addendaIndicator() != (e.addenda().isEmpty() ? 0 : 1)) {
            throw new IllegalArgumentException("entry " + e.traceNumber() + " has addenda indicator " + e.addendaIndicator()
                    + " and " + e.addenda().size() + " addenda");
        }
        return new FixedWidthRecord('6', "entry detail")
                .number(e.transactionCode(), 2, "transaction code")
                .digits(e.receivingDfi(), 8, "receiving DFI identification")
                .digits(String.valueOf(e.checkDigit()), 1, "check digit")
                .text(e.dfiAccountNumber(), 17, "DFI account number")
                .number(e.amountCents(), 10, "amount")
                .text(e.individualId(), 15, "individual identification number")
                .text(e.individualName(), 22, "individual name")
                .text(e.discretionaryData(), 2, "discretionary data")
                .number(e.addendaIndicator(), 1, "addenda record indicator")
                .digits(e.traceNumber(), 15, "trace number")
                .build();
    }

    private static String addenda(Addenda addenda) {
        return switch (addenda) {
            case Addenda.PaymentRelated a -> new FixedWidthRecord('7', "addenda")
                    .text("05", 2, "type code")
                    .text(a.paymentRelatedInformation(), 80, "payment related information")
                    .number(a.sequenceNumber(), 4, "addenda sequence number")
                    .number(a.entryDetailSequenceNumber(), 7, "entry detail sequence number")
                    .build();
            case Addenda.ChangeNotification a -> new FixedWidthRecord('7', "notification of change addenda")
                    .text("98", 2, "type code")
                    .text(a.changeCode(), 3, "change code")
                    .digits(a.originalTrace(), 15, "original entry trace number")
                    .blank(6)
                    .digits(a.originalDfi(), 8, "original receiving DFI")
                    .text(a.correctedData(), 29, "corrected data")
                    .blank(15)
                    .digits(a.traceNumber(), 15, "trace number")
                    .build();
            case Addenda.Return a -> new FixedWidthRecord('7', "return addenda")
                    .text("99", 2, "type code")
                    .text(a.returnReasonCode(), 3, "return reason code")
                    .digits(a.originalTrace(), 15, "original entry trace number")
                    .date(a.dateOfDeath())
                    .digits(a.originalDfi(), 8, "original receiving DFI")
                    .text(a.addendaInformation(), 44, "addenda information")
                    .digits(a.traceNumber(), 15, "trace number")
                    .build();
            case Addenda.International a -> throw new IllegalArgumentException(
                    "IAT addenda (type " + a.typeCode() + ") cannot be written");
        };
    }

    private static String batchControl(BatchControl c) {
        return new FixedWidthRecord('8', "batch control")
                .number(c.serviceClassCode(), 3, "service class code")
                .number(c.entryAddendaCount(), 6, "entry/addenda count")
                .number(c.entryHash(), 10, "entry hash")
                .number(c.totalDebitCents(), 12, "total debit amount")
                .number(c.totalCreditCents(), 12, "total credit amount")
                .text(c.companyIdentification(), 10, "company identification")
                .text(c.messageAuthenticationCode(), 19, "message authentication code")
                .blank(6)
                .digits(c.originatingDfi(), 8, "originating DFI")
                .number(c.batchNumber(), 7, "batch number")
                .build();
    }

    private static String fileControl(FileControl c) {
        return new FixedWidthRecord('9', "file control")
                .number(c.batchCount(), 6, "batch count")
                .number(c.blockCount(), 6, "block count")
                .number(c.entryAddendaCount(), 8, "entry/addenda count")
                .number(c.entryHash(), 10, "entry hash")
                .number(c.totalDebitCents(), 12, "total debit amount")
                .number(c.totalCreditCents(), 12, "total credit amount")
                .blank(39)
                .build();
    }
}
