package dev.stowage.s3.xml;

import dev.stowage.s3.error.S3ErrorCode;
import dev.stowage.s3.error.S3Exception;
import java.io.ByteArrayInputStream;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * A small XML request body as a tree of elements (local names, attributes by local name, text), read with StAX:
 * no DTDs, no external entities, no reflection. For documents of a few kilobytes (ACL policies, tag sets, CORS
 * rules) whose handlers walk them by element name.
 */
public record XmlElement(String name, Map<String, String> attributes, String text, List<XmlElement> children) {
    private static final XMLInputFactory FACTORY = newFactory();
    /** Deeper documents are refused: none of the S3 bodies read this way nests more than a few levels. */
    private static final int MAX_DEPTH = 16;

    /**
     * Parses {@code body}; throws an S3Exception of {@code malformed} when it is not well-formed, too deep, or its
     * document element is not {@code root}.
     */
    public static XmlElement parse(byte[] body, String root, S3ErrorCode malformed) {
        try {
            XMLStreamReader reader = FACTORY.createXMLStreamReader(new ByteArrayInputStream(body));
            try {
                Deque<Builder> open = new ArrayDeque<>();
                XmlElement document = null;
                while (reader.hasNext()) {
                    switch (reader.next()) {
                        case XMLStreamConstants.START_ELEMENT -> {
                            if (open.size() >= MAX_DEPTH || document != null) {
                                throw new S3Exception(malformed);
                            }
                            Map<String, String> attributes = new LinkedHashMap<>();
                            for (int i = 0; i < reader.getAttributeCount(); i++) {
                                attributes.put(reader.getAttributeLocalName(i), reader.getAttributeValue(i));
                            }
                            open.push(new Builder(reader.getLocalName(), attributes));
                        }
                        case XMLStreamConstants.CHARACTERS, XMLStreamConstants.CDATA -> {
                            if (!open.isEmpty()) {
                                open.peek().text.append(reader.getText());
                            }
                        }
                        case XMLStreamConstants.END_ELEMENT -> {
                            XmlElement done = open.pop().build();
                            if (open.isEmpty()) {
                                document = done;
                            } else {
                                open.peek().children.add(done);
                            }
                        }
                        default -> {
                            // comments, processing instructions, whitespace outside the document
                        }
                    }
                }
                if (document == null || !document.name().equals(root)) {
                    throw new S3Exception(malformed);
                }
                return document;
            } finally {
                reader.close();
            }
        } catch (XMLStreamException | RuntimeException e) {
            if (e instanceof S3Exception s3) {
                throw s3;
            }
            throw new S3Exception(malformed);
        }
    }

    /** The children of that name, in document order. */
    public List<XmlElement> all(String childName) {
        List<XmlElement> found = new ArrayList<>();
        for (XmlElement child : children) {
            if (child.name().equals(childName)) {
                found.add(child);
            }
        }
        return found;
    }

    /** The first child of that name, or null. */
    public XmlElement first(String childName) {
        for (XmlElement child : children) {
            if (child.name().equals(childName)) {
                return child;
            }
        }
        return null;
    }

    /** The text of the first child of that name, or null when there is none. */
    public String childText(String childName) {
        XmlElement child = first(childName);
        return child == null ? null : child.text();
    }

    private static final class Builder {
        final String name;
        final Map<String, String> attributes;
        final StringBuilder text = new StringBuilder();
        final List<XmlElement> children = new ArrayList<>();

        Builder(String name, Map<String, String> attributes) {
            this.name = name;
            this.attributes = attributes;
        }

        XmlElement build() {
            return new XmlElement(name, Map.copyOf(attributes), children.isEmpty() ? text.toString() : text.toString().strip(),
                    List.copyOf(children));
        }
    }

    private static XMLInputFactory newFactory() {
        XMLInputFactory factory = XMLInputFactory.newFactory();
        factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        factory.setProperty(XMLInputFactory.IS_COALESCING, true);
        factory.setProperty(XMLInputFactory.IS_NAMESPACE_AWARE, true);
        return factory;
    }
}
