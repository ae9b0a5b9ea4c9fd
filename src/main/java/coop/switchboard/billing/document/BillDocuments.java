package coop.switchboard.billing.document;

import coop.switchboard.billing.BillView;
import org.springframework.stereotype.Component;

import java.io.OutputStream;
import java.util.Map;

/** Renders a bill as the member reads it: standalone HTML for a browser, and the PDF that is mailed or e-mailed. */
@Component
public class BillDocuments {
    private final BillContent content;
    private final BillTemplates templates;
    private final BillPdf pdf;

    BillDocuments(BillContent content, BillTemplates templates, BillPdf pdf) {
        this.content = content;
        this.templates = templates;
        this.pdf = pdf;
    }

    public String html(BillView bill) {
        BillContent.Addressee to = content.addressee(bill);
        return render(content.document(bill, to), to, false);
    }

    public void writePdf(BillView bill, OutputStream out) {
        BillContent.Addressee to = content.addressee(bill);
        writePdf(content.document(bill, to), to, out);
    }

    void writePdf(BillDocument document, BillContent.Addressee to, OutputStream out) {
        pdf.write(render(document, to, true), out);
    }

    String render(BillDocument document, BillContent.Addressee to, boolean forPdf) {
        return templates.render("bill/bill", templates.text(to.language()), Map.of("b", document, "pdf", forPdf));
    }
}
