package coop.switchboard.billing;

import coop.switchboard.billing.document.BillDocuments;
import coop.switchboard.billing.document.BillEmails;
import coop.switchboard.billing.document.BillMessages;
import coop.switchboard.billing.document.PrintExtract;
import org.springframework.stereotype.Service;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.Writer;
import java.time.LocalDate;

/**
 * Bills as members get them: the bill document in HTML and PDF in the account's language (English or Spanish), the
 * print vendor's extract of a bill run's paper bills, and e-mailing a run's bills to paperless accounts.
 */
@Service
public class BillDocumentService {
    private final BillService bills;
    private final BillDocuments documents;
    private final PrintExtract extract;
    private final BillEmails emails;
    private final BillMessages messages;

    BillDocumentService(BillService bills, BillDocuments documents, PrintExtract extract, BillEmails emails, BillMessages messages) {
        this.bills = bills;
        this.documents = documents;
        this.extract = extract;
        this.emails = emails;
        this.messages = messages;
    }

    /** What one e-mailing of a run did: bills sent now, failed, skipped (no address, no mail server), and sent before. */
    public record EmailRun(long runId, int sent, int failed, int skipped, int alreadySent) {
    }

    /** The bill as a standalone HTML document, remittance stub at the end. */
    public String html(long billId) {
        return documents.html(bills.bill(billId));
    }

    /** The bill as a Letter-size PDF, remittance stub at the foot of the first page. */
    public byte[] pdf(long billId) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(64 * 1024);
        writePdf(billId, out);
        return out.toByteArray();
    }

    public void writePdf(long billId, OutputStream out) {
        documents.writePdf(bills.bill(billId), out);
    }

    /**
     * Writes the run's issued bills for accounts that get paper bills, one record per bill, as {@code csv} or {@code json}
     * (docs/billing.md, "Print extract"); returns how many bills it wrote.
     */
    public int printExtract(long runId, String format, Writer out) {
        return extract.write(runId, format, out);
    }

    /**
     * E-mails the run's issued bills to its paperless accounts, each once: a bill already sent is not sent again,
     * however often this runs. Every attempt is recorded in {@code billing.bill_delivery}.
     */
    public EmailRun emailRun(long runId) {
        return emails.emailRun(runId);
    }

    /**
     * Adds a message printed on bills dated from {@code from} up to, not including, {@code to} (null: until further
     * notice), on every cycle's bills or only {@code cycle}'s; returns its id.
     */
    public long addMessage(String textEn, String textEs, LocalDate from, LocalDate to, Integer cycle) {
        return messages.add(textEn, textEs, from, to, cycle);
    }
}
