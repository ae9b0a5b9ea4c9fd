package coop.switchboard.metering.integration.greenbutton;

import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;

/**
 * Writes the Atom shell of a Green Button feed (feed, entries with ids, links, titles and dates) around ESPI
 * resources, streaming through the JDK's {@link XMLStreamWriter}. Each ESPI resource declares the ESPI namespace as
 * its default, as the Green Button samples do.
 */
final class AtomFeedOutput {

    private final XMLStreamWriter xml;
    private final String feedId;
    private final String updated;

    AtomFeedOutput(OutputStream out, String feedId, Instant updated) {
        try {
            this.xml = XMLOutputFactory.newDefaultFactory().createXMLStreamWriter(out, StandardCharsets.UTF_8.name());
        } catch (XMLStreamException e) {
            throw failure(e);
        }
        this.feedId = feedId;
        this.updated = updated.toString();
    }

    void startFeed(String title, String selfHref) {
        run(() -> {
            xml.writeStartDocument(StandardCharsets.UTF_8.name(), "1.0");
            xml.writeCharacters("\n");
            xml.writeStartElement("", "feed", StaxInput.ATOM);
            xml.writeDefaultNamespace(StaxInput.ATOM);
        });
        atom("id", feedId);
        atom("title", title);
        atom("updated", updated);
        link("self", selfHref);
    }

    void endFeed() {
        run(() -> {
            xml.writeCharacters("\n");
            xml.writeEndElement();
            xml.writeEndDocument();
            xml.flush(); // the caller owns the stream: flushed, not closed
        });
    }

    /**
     * Starts an entry and its content, then the ESPI resource element {@code resource}. The entry id is a name-based
     * UUID of the feed id and the self href, so exporting the same feed again gives the same ids.
     */
    void startEntry(String resource, String title, String self, String up, String... related) {
        run(() -> {
            xml.writeCharacters("\n");
            xml.writeStartElement("", "entry", StaxInput.ATOM);
        });
        atom("id", "urn:uuid:" + UUID.nameUUIDFromBytes((feedId + " " + self).getBytes(StandardCharsets.UTF_8)));
        link("self", self);
        link("up", up);
        for (String href : related) {
            link("related", href);
        }
        atom("title", title == null ? "" : title);
        run(() -> {
            xml.writeStartElement("", "content", StaxInput.ATOM);
            xml.writeStartElement("", resource, StaxInput.ESPI);
            xml.writeDefaultNamespace(StaxInput.ESPI);
        });
    }

    /** Ends the ESPI resource, the content and the entry. */
    void endEntry() {
        run(() -> {
            xml.writeEndElement();
            xml.writeEndElement();
        });
        atom("published", updated);
        atom("updated", updated);
        run(xml::writeEndElement);
    }

    void startEspi(String name) {
        run(() -> xml.writeStartElement("", name, StaxInput.ESPI));
    }

    void endEspi() {
        run(xml::writeEndElement);
    }

    void espi(String name, Object value) {
        run(() -> {
            xml.writeStartElement("", name, StaxInput.ESPI);
            xml.writeCharacters(String.valueOf(value));
            xml.writeEndElement();
        });
    }

    private void atom(String name, String text) {
        run(() -> {
            xml.writeStartElement("", name, StaxInput.ATOM);
            xml.writeCharacters(text);
            xml.writeEndElement();
        });
    }

    private void link(String rel, String href) {
        run(() -> {
            xml.writeEmptyElement("", "link", StaxInput.ATOM);
            xml.writeAttribute("rel", rel);
            xml.writeAttribute("href", href);
        });
    }

    private interface XmlStep {
        void run() throws XMLStreamException;
    }

    private static void run(XmlStep step) {
        try {
            step.run();
        } catch (XMLStreamException e) {
            throw failure(e);
        }
    }

    private static UncheckedIOException failure(XMLStreamException e) {
        IOException cause = e.getCause() instanceof IOException io ? io : new IOException(e.getMessage(), e);
        return new UncheckedIOException("cannot write Green Button feed", cause);
    }
}
