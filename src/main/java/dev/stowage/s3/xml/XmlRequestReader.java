package dev.stowage.s3.xml;

import dev.stowage.s3.ContentMd5;
import dev.stowage.s3.S3Headers;
import dev.stowage.s3.S3Request;
import dev.stowage.s3.error.S3ErrorCode;
import dev.stowage.s3.error.S3Exception;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.function.Supplier;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/** Reads small XML request bodies safely: bounded size, no DTDs, no external entities. */
public final class XmlRequestReader {
    private static final XMLInputFactory FACTORY = newFactory();

    private XmlRequestReader() {}

    /** Reads the whole (decoded) body, refusing more than {@code max} bytes (MalformedXML). */
    public static byte[] readBody(S3Request request, int max) throws IOException {
        return readBody(request, max, () -> new S3Exception(S3ErrorCode.MALFORMED_XML,
                "The XML you provided was larger than the maximum of " + max + " bytes allowed."));
    }

    /**
     * Reads the whole (decoded) body; more than {@code max} bytes is {@code tooLarge}'s error. A {@code Content-MD5}
     * header is checked against it, as S3 checks it on every configuration PUT: not 16 bytes of base64 → 400
     * InvalidDigest, another digest → 400 BadDigest.
     */
    public static byte[] readBody(S3Request request, int max, Supplier<S3Exception> tooLarge) throws IOException {
        byte[] expected = ContentMd5.parse(request.head().header(S3Headers.CONTENT_MD5));
        InputStream in = request.body();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buf = new byte[8192];
        int n;
        while ((n = in.read(buf)) > 0) {
            out.write(buf, 0, n);
            if (out.size() > max) {
                throw tooLarge.get();
            }
        }
        byte[] body = out.toByteArray();
        ContentMd5.check(expected, body);
        return body;
    }

    /**
     * A document of the form {@code <root><name>text</name>...<item><field>text</field>...</item>...</root>}:
     * the root's text children in {@code fields}, each {@code item} element as its text children in {@code items},
     * in document order. Anything deeper is ignored.
     */
    public record Items(Map<String, String> fields, List<Map<String, String>> items) {}

    /** Parses an {@link Items} document; MalformedXML when it is not well-formed or its root is another element. */
    public static Items parseItems(byte[] body, String root, String item) {
        try {
            XMLStreamReader reader = FACTORY.createXMLStreamReader(new ByteArrayInputStream(body));
            try {
                Map<String, String> fields = new HashMap<>();
                List<Map<String, String>> items = new ArrayList<>();
                Map<String, String> current = null;
                int depth = 0;
                while (reader.hasNext()) {
                    int event = reader.next();
                    if (event == XMLStreamConstants.START_ELEMENT) {
                        depth++;
                        String name = reader.getLocalName();
                        if (depth == 1 && !name.equals(root)) {
                            throw new S3Exception(S3ErrorCode.MALFORMED_XML);
                        }
                        if (depth == 2 && name.equals(item)) {
                            current = new HashMap<>();
                            items.add(current);
                        } else if (depth == 2) {
                            fields.put(name, textOrNested(reader));
                            depth--;
                        } else if (depth == 3 && current != null) {
                            current.put(name, textOrNested(reader));
                            depth--;
                        }
                    } else if (event == XMLStreamConstants.END_ELEMENT) {
                        if (depth == 2) {
                            current = null;
                        }
                        depth--;
                    }
                }
                if (depth != 0 || (fields.isEmpty() && items.isEmpty() && body.length == 0)) {
                    throw new S3Exception(S3ErrorCode.MALFORMED_XML);
                }
                return new Items(fields, items);
            } finally {
                reader.close();
            }
        } catch (XMLStreamException | RuntimeException e) {
            if (e instanceof S3Exception s3) {
                throw s3;
            }
            throw new S3Exception(S3ErrorCode.MALFORMED_XML);
        }
    }

    /** The text of the element just opened; an element with children is read through and counts as empty. */
    private static String textOrNested(XMLStreamReader reader) throws XMLStreamException {
        StringBuilder text = new StringBuilder();
        int depth = 1;
        while (depth > 0) {
            int event = reader.next();
            if (event == XMLStreamConstants.START_ELEMENT) {
                depth++;
            } else if (event == XMLStreamConstants.END_ELEMENT) {
                depth--;
            } else if (depth == 1 && (event == XMLStreamConstants.CHARACTERS || event == XMLStreamConstants.CDATA)) {
                text.append(reader.getText());
            }
        }
        return text.toString();
    }

    private static XMLInputFactory newFactory() {
        XMLInputFactory factory = XMLInputFactory.newFactory();
        factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        factory.setProperty(XMLInputFactory.IS_COALESCING, true);
        return factory;
    }
}
