package dev.stowage.s3.xml;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** A small, allocation-light XML writer for S3 responses: no reflection, so the native image needs no config. */
public final class XmlWriter {
    public static final String S3_NS = "http://s3.amazonaws.com/doc/2006-03-01/";

    private final StringBuilder out = new StringBuilder(512);

    public XmlWriter() {
        out.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    }

    public XmlWriter open(String name) {
        out.append('<').append(name).append('>');
        return this;
    }

    /** Opens an element with attributes, given as name, value pairs (values escaped). */
    public XmlWriter open(String name, String... attributes) {
        out.append('<').append(name);
        for (int i = 0; i + 1 < attributes.length; i += 2) {
            out.append(' ').append(attributes[i]).append("=\"");
            escape(attributes[i + 1]);
            out.append('"');
        }
        out.append('>');
        return this;
    }

    /** Opens the document element in the S3 namespace. */
    public XmlWriter openRoot(String name) {
        out.append('<').append(name).append(" xmlns=\"").append(S3_NS).append("\">");
        return this;
    }

    public XmlWriter close(String name) {
        out.append("</").append(name).append('>');
        return this;
    }

    public XmlWriter element(String name, String value) {
        if (value == null || value.isEmpty()) {
            out.append('<').append(name).append("/>");
            return this;
        }
        out.append('<').append(name).append('>');
        escape(value);
        out.append("</").append(name).append('>');
        return this;
    }

    public XmlWriter element(String name, long value) {
        out.append('<').append(name).append('>').append(value).append("</").append(name).append('>');
        return this;
    }

    public XmlWriter element(String name, boolean value) {
        out.append('<').append(name).append('>').append(value).append("</").append(name).append('>');
        return this;
    }

    /** Escaped character data inside the element opened last. */
    public XmlWriter text(String value) {
        if (value != null) {
            escape(value);
        }
        return this;
    }

    /** Writes an element only when the value is non-null. */
    public XmlWriter optional(String name, String value) {
        return value == null ? this : element(name, value);
    }

    public XmlWriter element(String name, Instant value) {
        return element(name, iso(value));
    }

    /** S3 timestamps in listings: ISO-8601 with milliseconds, UTC. */
    public static String iso(Instant value) {
        return ISO_MILLIS.format(value);
    }

    private static final DateTimeFormatter ISO_MILLIS =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    private void escape(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&apos;");
                case '\r' -> out.append("&#13;");
                case '\n' -> out.append("&#10;");
                case '\t' -> out.append("&#9;");
                default -> {
                    if (c < 0x20 || c == 0xFFFE || c == 0xFFFF) {
                        out.append("&#").append((int) c).append(';');
                    } else {
                        out.append(c);
                    }
                }
            }
        }
    }

    public byte[] toBytes() {
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
        return out.toString();
    }
}
