package coop.switchboard.billing.document;

import coop.switchboard.billing.BillDocumentService.EmailRun;
import coop.switchboard.billing.BillRunService;
import coop.switchboard.billing.BillService;
import coop.switchboard.billing.BillView;
import coop.switchboard.members.AccountView;
import coop.switchboard.members.AccountView.BillDelivery;
import coop.switchboard.members.MemberView;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mail.MailException;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import java.io.ByteArrayOutputStream;
import java.io.UnsupportedEncodingException;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * E-mails a run's issued bills to its paperless accounts: a short note in the account's language with the bill PDF
 * attached, to the member's first (primary) address. Each attempt is a row in {@code billing.bill_delivery}; a bill
 * with a SENT row is never sent again, and the bill row is locked while it is sent so two processes cannot both send it.
 */
@Component
public class BillEmails {
    static final String NO_MAIL_SERVER = "no mail server configured";
    static final String NO_ADDRESS = "no e-mail address on file";
    private final RunBills runBills;
    private final BillRunService runs;
    private final BillService bills;
    private final BillContent content;
    private final BillDocuments documents;
    private final BillTemplates templates;
    private final ObjectProvider<JavaMailSender> mail;
    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;
    private final Clock clock;
    private final String from;

    BillEmails(RunBills runBills, BillRunService runs, BillService bills, BillContent content, BillDocuments documents,
               BillTemplates templates, ObjectProvider<JavaMailSender> mail, JdbcClient jdbc, TransactionTemplate transactions, Clock clock,
               @Value("${switchboard.billing.mail-from:}") String from) {
        this.runBills = runBills;
        this.runs = runs;
        this.bills = bills;
        this.content = content;
        this.documents = documents;
        this.templates = templates;
        this.mail = mail;
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.clock = clock;
        String website = content.utility().website();
        this.from = !from.isBlank() ? from.strip() : "billing@" + (website == null || website.isBlank() ? "localhost" : website.strip());
    }

    private enum Outcome { SENT, FAILED, SKIPPED, ALREADY_SENT }

    public EmailRun emailRun(long runId) {
        runs.view(runId);
        JavaMailSender sender = mail.getIfAvailable();
        int[] counts = new int[Outcome.values().length];
        runBills.forEachPage(runId, page -> {
            Map<Long, AccountView> accounts = runBills.accounts(page);
            Set<Long> sent = new HashSet<>(jdbc.sql("""
                            select bill_id from billing.bill_delivery where bill_id = any(?) and channel = 'EMAIL' and status = 'SENT'""")
                    .param(page.stream().map(RunBills.Ref::billId).toArray(Long[]::new)).query(Long.class).list());
            for (RunBills.Ref ref : page) {
                AccountView account = accounts.get(ref.accountId());
                if (account == null || account.billDelivery() != BillDelivery.EMAIL) {
                    continue;
                }
                Outcome outcome = sent.contains(ref.billId()) ? Outcome.ALREADY_SENT : deliver(ref.billId(), sender);
                counts[outcome.ordinal()]++;
            }
            return true;
        });
        return new EmailRun(runId, counts[Outcome.SENT.ordinal()], counts[Outcome.FAILED.ordinal()], counts[Outcome.SKIPPED.ordinal()],
                counts[Outcome.ALREADY_SENT.ordinal()]);
    }

    /** Sends one bill in its own transaction, holding the bill's row so no other process sends it meanwhile. */
    private Outcome deliver(long billId, JavaMailSender sender) {
        return transactions.execute(status -> {
            List<Long> locked = jdbc.sql("select id from billing.bill where id = ? for no key update skip locked").param(billId)
                    .query(Long.class).list();
            boolean sentBefore = jdbc.sql("select count(*) from billing.bill_delivery where bill_id = ? and channel = 'EMAIL' and status = 'SENT'")
                    .param(billId).query(Integer.class).single() > 0;
            if (locked.isEmpty() || sentBefore) {
                // Locked: another process is sending it right now.
                return Outcome.ALREADY_SENT;
            }
            BillView bill = bills.bill(billId);
            BillContent.Addressee to = content.addressee(bill);
            List<MemberView.EmailView> emails = to.member().emails();
            String address = emails.isEmpty() ? null : emails.getFirst().address();
            if (sender == null) {
                record(billId, address, Outcome.SKIPPED, NO_MAIL_SERVER);
                return Outcome.SKIPPED;
            }
            if (address == null || address.isBlank()) {
                record(billId, null, Outcome.SKIPPED, NO_ADDRESS);
                return Outcome.SKIPPED;
            }
            try {
                sender.send(message(sender, bill, to, address));
                record(billId, address, Outcome.SENT, null);
                return Outcome.SENT;
            } catch (MailException | MessagingException | UnsupportedEncodingException e) {
                record(billId, address, Outcome.FAILED, e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
                return Outcome.FAILED;
            }
        });
    }

    private MimeMessage message(JavaMailSender sender, BillView bill, BillContent.Addressee to, String address)
            throws MessagingException, UnsupportedEncodingException {
        BillDocument document = content.document(bill, to);
        BillText text = templates.text(to.language());
        ByteArrayOutputStream pdf = new ByteArrayOutputStream(64 * 1024);
        documents.writePdf(document, to, pdf);
        String subject = document.credit()
                ? text.msg("email.subjectCredit", document.utility().name(), document.accountNumber())
                : text.msg("email.subject", document.utility().name(), document.accountNumber(), document.amountDue(), document.dueDate());
        String html = templates.render("bill/email", text, Map.of("b", document, "subject", subject));
        MimeMessage message = sender.createMimeMessage();
        MimeMessageHelper helper = new MimeMessageHelper(message, true, "UTF-8");
        helper.setFrom(from, document.utility().name());
        helper.setTo(address);
        helper.setSubject(subject);
        helper.setText(plainText(document, text), html);
        helper.addAttachment(text.msg("email.attachment", document.accountNumber(), bill.billDate().toString()),
                new ByteArrayResource(pdf.toByteArray()), "application/pdf");
        return message;
    }

    static String plainText(BillDocument d, BillText text) {
        return text.msg("email.greeting", d.memberName()) + "\n\n"
                + text.msg("email.attached", d.accountNumber(), d.billDate()) + "\n"
                + (d.credit() ? text.msg("email.credit", d.amountDue()) : text.msg("email.amountDue", d.amountDue(), d.dueDate())) + "\n\n"
                + text.msg("email.questions", d.utility().phone(), d.utility().website()) + "\n\n"
                + text.msg("email.signature") + "\n" + d.utility().name() + "\n";
    }

    private void record(long billId, String address, Outcome outcome, String error) {
        jdbc.sql("insert into billing.bill_delivery (bill_id, channel, address, status, error, at) values (?, 'EMAIL', ?, ?, ?, ?)")
                .params(billId, address, outcome.name(), error == null ? null : error.length() > 1000 ? error.substring(0, 1000) : error,
                        Timestamp.from(clock.instant()))
                .update();
    }
}
