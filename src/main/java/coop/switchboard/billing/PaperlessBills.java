package coop.switchboard.billing;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

/**
 * E-mails a completed run's bills to paperless accounts, when a mail server is configured ({@code spring.mail.host});
 * without one nothing happens here and the run page offers to send them later. Sending is idempotent per bill.
 */
@Component
class PaperlessBills {
    private final BillDocumentService documents;
    private final ObjectProvider<JavaMailSender> mail;

    PaperlessBills(BillDocumentService documents, ObjectProvider<JavaMailSender> mail) {
        this.documents = documents;
        this.mail = mail;
    }

    @ApplicationModuleListener
    void on(BillRunCompleted run) {
        if (mail.getIfAvailable() != null) {
            documents.emailRun(run.runId());
        }
    }
}
