package coop.switchboard.metering.integration.greenbutton;

import javax.xml.stream.Location;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A forward-only cursor over one Green Button file (the JDK's StAX parser) that turns every parser failure into a
 * {@link GreenButtonException} naming the line, and matches elements by namespace URI and local name so that
 * {@code <espi:value>} and {@code <value xmlns="http://naesb.org/espi">} are the same element.
 */
final class StaxInput implements AutoCloseable {

    static final String ESPI = "http://naesb.org/espi";
    static final String ATOM = "http://www.w3.org/2005/Atom";

    private final InputStream stream;
    private final XMLStreamReader xml;

    private StaxInput(InputStream stream, XMLStreamReader xml) {
        this.stream = stream;
        this.xml = xml;
    }

    static StaxInput open(Path file) {
        XMLInputFactory factory = XMLInputFactory.newDefaultFactory();
        factory.setProperty(XMLInputFactory.IS_NAMESPACE_AWARE, true);
        // A data file has no business with DTDs or external entities (XXE).
        factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        InputStream stream;
        try {
            stream = new BufferedInputStream(Files.newInputStream(file), 1 << 16);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open Green Button file " + file, e);
        }
        try {
            return new StaxInput(stream, factory.createXMLStreamReader(stream));
        } catch (XMLStreamException e) {
            closeQuietly(stream);
            throw failure(e, -1);
        }
    }

    boolean hasNext() {
        try {
            return xml.hasNext();
        } catch (XMLStreamException e) {
            throw failure(e, line());
        }
    }

    /** The next parse event (a {@link XMLStreamConstants} value). */
    int next() {
        try {
            return xml.next();
        } catch (XMLStreamException e) {
            throw failure(e, line());
        }
    }

    boolean isEspi(String localName) {
        return is(ESPI, localName);
    }

    boolean isAtom(String localName) {
        return is(ATOM, localName);
    }

    private boolean is(String namespace, String localName) {
        return localName.equals(xml.getLocalName()) && namespace.equals(xml.getNamespaceURI());
    }

    String localName() {
        return xml.getLocalName();
    }

    boolean isStartElement() {
        return xml.isStartElement();
    }

    String namespace() {
        return xml.getNamespaceURI();
    }

    String attribute(String localName) {
        return xml.getAttributeValue(null, localName);
    }

    int line() {
        Location location = xml.getLocation();
        return location == null ? -1 : location.getLineNumber();
    }

    /** The text of the current (text-only) element; leaves the cursor on its end tag. */
    String text() {
        int line = line();
        try {
            return xml.getElementText().trim();
        } catch (XMLStreamException e) {
            throw failure(e, line);
        }
    }

    /** The current element's text as a whole number; {@code what} names it in the error message. */
    long longText(String what) {
        int line = line();
        String text = text();
        try {
            return Long.parseLong(text.startsWith("+") ? text.substring(1) : text);
        } catch (NumberFormatException e) {
            throw new GreenButtonException(line, what + " is not a whole number: '" + abbreviate(text) + "'");
        }
    }

    /** Like {@link #longText} for values that must fit an {@code int}. */
    int intText(String what) {
        int line = line();
        long value = longText(what);
        if (value < Integer.MIN_VALUE || value > Integer.MAX_VALUE) {
            throw new GreenButtonException(line, what + " is out of range: " + value);
        }
        return (int) value;
    }

    /** Skips the current element and everything inside it; leaves the cursor on its end tag. */
    void skipElement() {
        int depth = 1;
        while (depth > 0) {
            int event = next();
            if (event == XMLStreamConstants.START_ELEMENT) {
                depth++;
            } else if (event == XMLStreamConstants.END_ELEMENT) {
                depth--;
            } else if (event == XMLStreamConstants.END_DOCUMENT) {
                throw new GreenButtonException(line(), "the file ends inside an element");
            }
        }
    }

    @Override
    public void close() {
        try {
            xml.close();
        } catch (XMLStreamException ignored) {
            // closing a reader we are done with; the stream is closed below either way
        }
        closeQuietly(stream);
    }

    private static GreenButtonException failure(XMLStreamException e, int fallbackLine) {
        Location location = e.getLocation();
        int line = location != null && location.getLineNumber() > 0 ? location.getLineNumber() : fallbackLine;
        String message = e.getMessage() == null ? "malformed XML" : e.getMessage();
        // The JDK prefixes "ParseError at [row,col]:[r,c]\nMessage: "; the line is already in front of ours.
        int at = message.indexOf("Message: ");
        return new GreenButtonException(line, "malformed XML: " + (at >= 0 ? message.substring(at + 9) : message).trim(), e);
    }

    private static String abbreviate(String text) {
        return text.length() <= 40 ? text : text.substring(0, 40) + "...";
    }

    private static void closeQuietly(InputStream stream) {
        try {
            stream.close();
        } catch (IOException ignored) {
            // nothing useful to do: the file was only read
        }
    }
}
