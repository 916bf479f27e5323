package dev.stowage.it;

import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Document;
import org.w3c.dom.NodeList;

/**
 * HTTP/1.1 over a plain socket: the request goes out exactly as built, byte for byte (no client normalises the
 * path, the Host header or the framing), and the one response is read with a deadline, so a gateway that hangs
 * fails the test instead of stalling it.
 */
final class RawHttp {
    /** How long the gateway may stay silent before the test fails. */
    static final int READ_TIMEOUT_MILLIS = 5_000;

    private RawHttp() {}

    /** A request as written to the wire: request line, headers in order, body. */
    static final class Request {
        private final String method;
        private final String target;
        private final List<String[]> headers = new ArrayList<>();
        private byte[] body = new byte[0];
        private boolean autoContentLength = true;

        Request(String method, String target) {
            this.method = method;
            this.target = target;
        }

        String method() {
            return method;
        }

        String target() {
            return target;
        }

        Request header(String name, String value) {
            headers.add(new String[] {name, value});
            if (name.equalsIgnoreCase("Content-Length") || name.equalsIgnoreCase("Transfer-Encoding")) {
                autoContentLength = false;
            }
            return this;
        }

        /** The body; a Content-Length matching it is added unless one (or Transfer-Encoding) was set. */
        Request body(byte[] body) {
            this.body = body;
            return this;
        }

        byte[] body() {
            return body;
        }

        byte[] head() {
            StringBuilder sb = new StringBuilder();
            sb.append(method).append(' ').append(target).append(" HTTP/1.1\r\n");
            for (String[] h : headers) {
                sb.append(h[0]).append(": ").append(h[1]).append("\r\n");
            }
            if (autoContentLength && (body.length > 0 || method.equals("PUT") || method.equals("POST"))) {
                sb.append("Content-Length: ").append(body.length).append("\r\n");
            }
            sb.append("\r\n");
            // ISO-8859-1: each char of the target is one raw byte on the wire (tests pass %-escapes for the rest).
            return sb.toString().getBytes(StandardCharsets.ISO_8859_1);
        }
    }

    /**
     * One response. {@code headers} are keyed by lower-case name. {@code closedWithoutResponse} when the gateway
     * closed or reset the connection before sending a status line.
     */
    record Response(int status, Map<String, List<String>> headers, byte[] body, boolean closedWithoutResponse) {
        static Response closed() {
            return new Response(-1, Map.of(), new byte[0], true);
        }

        String header(String name) {
            List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
            return values == null || values.isEmpty() ? null : values.get(0);
        }

        String text() {
            return new String(body, StandardCharsets.UTF_8);
        }

        /** The text of the first element of that name in the XML body, or null when absent. */
        String xml(String element) {
            NodeList nodes = document().getElementsByTagName(element);
            return nodes.getLength() == 0 ? null : nodes.item(0).getTextContent();
        }

        /** The XML body, parsed without DTDs or external entities (so a hostile echo cannot reach the test JVM). */
        Document document() {
            try {
                DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
                f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
                f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
                f.setNamespaceAware(false);
                return f.newDocumentBuilder().parse(new ByteArrayInputStream(body));
            } catch (Exception e) {
                throw new AssertionError("response body is not XML (status " + status + "): " + text(), e);
            }
        }

        @Override
        public String toString() {
            return closedWithoutResponse ? "<connection closed without a response>" : status + " " + headers + "\n" + text();
        }
    }

    /** Sends the request on a new connection and reads the one response. */
    static Response send(String host, int port, Request request) throws IOException {
        return send(host, port, request.head(), request.body(), false);
    }

    /**
     * Writes {@code head} then {@code body}; with {@code halfClose} shuts the output down afterwards (the client
     * sends FIN: no more bytes will come), then reads the response.
     */
    static Response send(String host, int port, byte[] head, byte[] body, boolean halfClose) throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), READ_TIMEOUT_MILLIS);
            socket.setSoTimeout(READ_TIMEOUT_MILLIS);
            OutputStream out = socket.getOutputStream();
            try {
                out.write(head);
                out.write(body);
                out.flush();
                if (halfClose) {
                    socket.shutdownOutput();
                }
            } catch (SocketException e) {
                // The gateway may answer and close before the whole request is written: read what it said.
            }
            return read(new BufferedInputStream(socket.getInputStream()), head);
        }
    }

    /** A kept-alive connection: several requests, one after the other, each answered before the next is sent. */
    static final class Connection implements AutoCloseable {
        private final Socket socket = new Socket();
        private final InputStream in;

        Connection(String host, int port) throws IOException {
            socket.connect(new InetSocketAddress(host, port), READ_TIMEOUT_MILLIS);
            socket.setSoTimeout(READ_TIMEOUT_MILLIS);
            in = new BufferedInputStream(socket.getInputStream());
        }

        Response send(Request request) throws IOException {
            OutputStream out = socket.getOutputStream();
            try {
                out.write(request.head());
                out.write(request.body());
                out.flush();
            } catch (SocketException e) {
                // answered and closed early: read what was said
            }
            return read(in, request.head());
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }

    private static Response read(InputStream in, byte[] requestHead) throws IOException {
        boolean headRequest = new String(requestHead, 0, Math.min(5, requestHead.length), StandardCharsets.ISO_8859_1)
                .startsWith("HEAD ");
        String statusLine;
        try {
            statusLine = readLine(in);
        } catch (SocketTimeoutException e) {
            throw new AssertionError("the gateway did not answer within " + READ_TIMEOUT_MILLIS + " ms", e);
        } catch (SocketException e) {
            return Response.closed();
        }
        if (statusLine == null) {
            return Response.closed();
        }
        try {
            String[] parts = statusLine.split(" ", 3);
            if (parts.length < 2 || !parts[0].startsWith("HTTP/1.")) {
                throw new AssertionError("not an HTTP status line: " + statusLine);
            }
            int status = Integer.parseInt(parts[1]);
            Map<String, List<String>> headers = new LinkedHashMap<>();
            String line;
            while ((line = readLine(in)) != null && !line.isEmpty()) {
                int colon = line.indexOf(':');
                if (colon <= 0) {
                    throw new AssertionError("malformed response header line: " + line);
                }
                headers.computeIfAbsent(line.substring(0, colon).trim().toLowerCase(Locale.ROOT), k -> new ArrayList<>())
                        .add(line.substring(colon + 1).trim());
            }
            byte[] body;
            List<String> te = headers.get("transfer-encoding");
            List<String> cl = headers.get("content-length");
            if (headRequest || status == 204 || status == 304 || (status >= 100 && status < 200)) {
                body = new byte[0];
            } else if (te != null && te.get(0).equalsIgnoreCase("chunked")) {
                body = readChunked(in);
            } else if (cl != null) {
                body = in.readNBytes(Integer.parseInt(cl.get(0)));
            } else {
                body = in.readAllBytes();
            }
            if (status == 100) {
                return read(in, requestHead);
            }
            return new Response(status, headers, body, false);
        } catch (SocketTimeoutException e) {
            throw new AssertionError("the gateway stalled in the middle of its response to " + statusLine, e);
        }
    }

    private static byte[] readChunked(InputStream in) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        while (true) {
            String sizeLine = readLine(in);
            if (sizeLine == null) {
                throw new AssertionError("chunked response ended early");
            }
            int semi = sizeLine.indexOf(';');
            int size = Integer.parseInt((semi < 0 ? sizeLine : sizeLine.substring(0, semi)).trim(), 16);
            if (size == 0) {
                String trailer;
                while ((trailer = readLine(in)) != null && !trailer.isEmpty()) {
                    // trailers ignored
                }
                return out.toByteArray();
            }
            out.write(in.readNBytes(size));
            readLine(in);
        }
    }

    /** One CRLF- (or LF-) terminated line as ISO-8859-1; null at end of stream before any byte. */
    private static String readLine(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int c;
        boolean any = false;
        while ((c = in.read()) >= 0) {
            any = true;
            if (c == '\n') {
                break;
            }
            line.write(c);
        }
        if (!any) {
            return null;
        }
        String s = line.toString(StandardCharsets.ISO_8859_1);
        return s.endsWith("\r") ? s.substring(0, s.length() - 1) : s;
    }
}
