package coop.switchboard.billing.document;

import com.openhtmltopdf.outputdevice.helper.BaseRendererBuilder.FontStyle;
import com.openhtmltopdf.outputdevice.helper.ExternalResourceControlPriority;
import com.openhtmltopdf.pdfboxout.PdfRendererBuilder;
import com.openhtmltopdf.util.XRLog;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns a bill's XHTML into a Letter-size PDF with openhtmltopdf. The fonts are embedded (subset) from the classpath
 * (DejaVu Sans and Sans Mono under {@code fonts/}): the PDF base-14 fonts cannot show ñ or á reliably. When a font is
 * missing from the classpath the system's DejaVu copy is used, and failing that the renderer's own fonts.
 */
@Component
class BillPdf {
    private static final Logger log = LoggerFactory.getLogger(BillPdf.class);
    private static final Path SYSTEM_FONTS = Path.of("/usr/share/fonts/truetype/dejavu");
    private final List<Font> fonts = new ArrayList<>();

    private record Font(String family, int weight, byte[] bytes) {
    }

    BillPdf() {
        // openhtmltopdf logs through one static logger; routed once, for every PDF this application renders.
        XRLog.setLoggerImpl(new RenderLog());
        font("DejaVu Sans", 400, "DejaVuSans.ttf");
        font("DejaVu Sans", 700, "DejaVuSans-Bold.ttf");
        font("DejaVu Sans Mono", 400, "DejaVuSansMono.ttf");
    }

    private void font(String family, int weight, String file) {
        byte[] bytes = null;
        try (InputStream in = BillPdf.class.getClassLoader().getResourceAsStream("fonts/" + file)) {
            if (in != null) {
                bytes = in.readAllBytes();
            } else if (Files.isReadable(SYSTEM_FONTS.resolve(file))) {
                bytes = Files.readAllBytes(SYSTEM_FONTS.resolve(file));
            }
        } catch (IOException e) {
            log.warn("Could not read font {}: {}", file, e.toString());
        }
        if (bytes == null) {
            log.warn("Font {} not found on the classpath or in {}; bills fall back to the PDF's built-in fonts", file, SYSTEM_FONTS);
        } else {
            fonts.add(new Font(family, weight, bytes));
        }
    }

    /** Renders well-formed XHTML (what the bill template produces) as PDF into {@code out}. */
    void write(String xhtml, OutputStream out) {
        PdfRendererBuilder builder = new PdfRendererBuilder();
        builder.useFastMode();
        builder.withProducer("Switchboard");
        // The bill needs nothing from outside: no stylesheet, image or font is fetched, whatever the markup says.
        builder.useExternalResourceAccessControl((uri, type) -> false, ExternalResourceControlPriority.RUN_BEFORE_RESOLVING_URI);
        builder.useExternalResourceAccessControl((uri, type) -> false, ExternalResourceControlPriority.RUN_AFTER_RESOLVING_URI);
        for (Font f : fonts) {
            builder.useFont(() -> new ByteArrayInputStream(f.bytes()), f.family(), f.weight(), FontStyle.NORMAL, true);
        }
        builder.withHtmlContent(xhtml, null);
        builder.toStream(out);
        try {
            builder.run();
        } catch (IOException e) {
            throw new UncheckedIOException("could not write the bill PDF", e);
        }
    }
}
