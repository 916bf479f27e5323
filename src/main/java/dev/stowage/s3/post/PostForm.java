package dev.stowage.s3.post;

import dev.stowage.http.RequestHead;
import dev.stowage.s3.S3Headers;
import dev.stowage.s3.S3Request;
import dev.stowage.s3.error.S3ErrorCode;
import dev.stowage.s3.error.S3Exception;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The {@code multipart/form-data} body of a POST Object, read as it streams: the fields before the {@code file}
 * field into memory (at most {@link #MAX_PRE_DATA_BYTES} of part headers and values, else
 * MaxPostPreDataLengthExceeded), then the file's content as the body the handler stores ({@link #stream()}). Fields
 * after the file are ignored, as AWS ignores them. Field names are case-insensitive: {@link #field} takes the
 * lower-case name.
 */
public final class PostForm implements S3Request.RequestBody {
    /** What AWS accepts of form fields before the file: 20 KB. */
    public static final int MAX_PRE_DATA_BYTES = 20 * 1024;
    private static final String FORM_DATA = "multipart/form-data";
    /** Of the rest of the body after the file (closing delimiter, ignored fields), what is read to keep the connection. */
    private static final long MAX_DRAINED_BYTES = 1 << 20;

    /** A field as sent: its name as written and its value. */
    public record Field(String name, String value) {}

    private final Map<String, Field> fields;
    private final String filename;
    private final String fileContentType;
    private final PartStream file;

    private PostForm(Map<String, Field> fields, String filename, String fileContentType, PartStream file) {
        this.fields = fields;
        this.filename = filename;
        this.fileContentType = fileContentType;
        this.file = file;
    }

    /** Whether a request's body is an HTML form upload (what makes {@code POST /bucket} a POST Object). */
    public static boolean isForm(RequestHead head) {
        String type = head.header(S3Headers.CONTENT_TYPE);
        return type != null && type.trim().toLowerCase(Locale.ROOT).startsWith(FORM_DATA);
    }

    /**
     * Reads the form up to the start of the file's content.
     *
     * @throws S3Exception MalformedPOSTRequest, MaxPostPreDataLengthExceeded, or IncorrectNumberOfFilesInPostRequest
     *     when there is no {@code file} field
     */
    public static PostForm read(RequestHead head, S3Request.RequestBody body) throws IOException {
        String boundary = boundary(head.header(S3Headers.CONTENT_TYPE));
        body.beforeRead();
        PartStream parts = new PartStream(body.stream(), boundary);
        parts.skipPart(); // the preamble
        Map<String, Field> fields = new LinkedHashMap<>();
        int budget = MAX_PRE_DATA_BYTES;
        while (parts.nextPart()) {
            PartHeaders part = PartHeaders.read(parts, budget);
            budget -= part.bytes();
            if (part.name() == null) {
                throw malformed();
            }
            if (part.name().equalsIgnoreCase(PostFields.FILE)) {
                return new PostForm(Collections.unmodifiableMap(fields), part.filename(), part.contentType(), parts);
            }
            byte[] value = parts.readPart(budget);
            budget -= value.length;
            fields.putIfAbsent(part.name().toLowerCase(Locale.ROOT),
                    new Field(part.name(), new String(value, StandardCharsets.UTF_8)));
        }
        throw new S3Exception(S3ErrorCode.INCORRECT_NUMBER_OF_FILES_IN_POST_REQUEST);
    }

    /** The value of a field before the file (name lower-case), or null. */
    public String field(String lowerName) {
        Field f = fields.get(lowerName);
        return f == null ? null : f.value();
    }

    /** The fields before the file by lower-case name, in form order. */
    public Map<String, Field> fields() {
        return fields;
    }

    /** The file part's {@code filename}, or null. */
    public String filename() {
        return filename;
    }

    /** The file part's own Content-Type, or null. */
    public String fileContentType() {
        return fileContentType;
    }

    /** The file's content, ending where its part ends. */
    @Override
    public InputStream stream() {
        return file;
    }

    @Override
    public void beforeRead() {
        // read from before the handler: nothing to announce
    }

    @Override
    public boolean consumed() {
        return true;
    }

    /** Reads what follows the file (a bounded amount), so the connection can serve another request. */
    public void drain() {
        try {
            file.drain(MAX_DRAINED_BYTES);
        } catch (IOException | RuntimeException e) {
            // a bad tail changes nothing about the stored object; the connection is then closed
        }
    }

    static S3Exception malformed() {
        return new S3Exception(S3ErrorCode.MALFORMED_POST_REQUEST);
    }

    /** The {@code boundary} parameter of a multipart Content-Type. */
    static String boundary(String contentType) {
        if (contentType != null) {
            for (String param : contentType.split(";")) {
                String p = param.trim();
                int eq = p.indexOf('=');
                if (eq > 0 && p.substring(0, eq).trim().equalsIgnoreCase("boundary")) {
                    String value = p.substring(eq + 1).trim();
                    if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
                        value = value.substring(1, value.length() - 1);
                    }
                    if (!value.isEmpty() && value.length() <= 70) {
                        return value;
                    }
                }
            }
        }
        throw malformed();
    }

    /** A part's headers: the {@code name} and {@code filename} of its Content-Disposition, its Content-Type. */
    record PartHeaders(String name, String filename, String contentType, int bytes) {
        static PartHeaders read(PartStream in, int budget) throws IOException {
            String name = null;
            String filename = null;
            String contentType = null;
            int used = 0;
            while (true) {
                String line = in.readLine(budget - used);
                used += line.length() + 2;
                if (line.isEmpty()) {
                    return new PartHeaders(name, filename, contentType, used);
                }
                int colon = line.indexOf(':');
                if (colon <= 0) {
                    throw malformed();
                }
                String header = line.substring(0, colon).trim().toLowerCase(Locale.ROOT);
                String value = line.substring(colon + 1).trim();
                if (header.equals("content-disposition")) {
                    name = dispositionParam(value, "name");
                    filename = dispositionParam(value, "filename");
                } else if (header.equals("content-type")) {
                    contentType = value;
                }
            }
        }

        /** A parameter of a Content-Disposition value ({@code form-data; name="key"}), unquoted; null if absent. */
        static String dispositionParam(String value, String param) {
            int i = value.indexOf(';');
            while (i >= 0 && i < value.length()) {
                int start = i + 1;
                while (start < value.length() && value.charAt(start) == ' ') {
                    start++;
                }
                int eq = value.indexOf('=', start);
                if (eq < 0) {
                    return null;
                }
                String name = value.substring(start, eq).trim();
                int end;
                String found;
                if (eq + 1 < value.length() && value.charAt(eq + 1) == '"') {
                    StringBuilder unquoted = new StringBuilder();
                    end = eq + 2;
                    while (end < value.length() && value.charAt(end) != '"') {
                        char c = value.charAt(end);
                        if (c == '\\' && end + 1 < value.length()) {
                            c = value.charAt(++end);
                        }
                        unquoted.append(c);
                        end++;
                    }
                    found = unquoted.toString();
                    end = value.indexOf(';', end);
                } else {
                    end = value.indexOf(';', eq);
                    found = value.substring(eq + 1, end < 0 ? value.length() : end).trim();
                }
                if (name.equalsIgnoreCase(param)) {
                    return found;
                }
                i = end;
            }
            return null;
        }
    }

    /**
     * The body cut at the multipart delimiter ({@code CRLF--boundary}): reading returns the current part's bytes
     * and ends where the part ends; {@link #nextPart} then moves to the next one. The body is seen as starting
     * with CRLF, so the first boundary is a delimiter like the others.
     */
    static final class PartStream extends InputStream {
        private static final int BUFFER = 64 * 1024;
        private final InputStream in;
        private final byte[] delimiter;
        private final byte[] buf;
        private int pos;
        private int lim;
        private boolean eof;
        /** Whether the current part's delimiter has been read. */
        private boolean partEnded;
        private boolean closed;

        PartStream(InputStream in, String boundary) {
            this.in = in;
            this.delimiter = ("\r\n--" + boundary).getBytes(StandardCharsets.ISO_8859_1);
            this.buf = new byte[BUFFER + delimiter.length];
            buf[0] = '\r';
            buf[1] = '\n';
            lim = 2;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            int n = read(one, 0, 1);
            return n < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (partEnded) {
                return -1;
            }
            if (len == 0) {
                return 0;
            }
            fill(delimiter.length + 1);
            int at = indexOfDelimiter();
            int safe;
            if (at >= 0) {
                safe = at;
            } else if (eof) {
                throw malformed(); // the body ended inside a part
            } else {
                safe = lim - delimiter.length + 1;
            }
            if (safe == pos) {
                if (at == pos) {
                    pos += delimiter.length;
                    partEnded = true;
                    return -1;
                }
                // cannot happen: fill left at least delimiter.length + 1 bytes without EOF
                throw malformed();
            }
            int n = Math.min(len, safe - pos);
            System.arraycopy(buf, pos, b, off, n);
            pos += n;
            return n;
        }

        /** Moves past the end of the current part; false after the closing delimiter ({@code --boundary--}). */
        boolean nextPart() throws IOException {
            skipPart();
            if (closed) {
                return false;
            }
            fill(2);
            if (lim - pos >= 2 && buf[pos] == '-' && buf[pos + 1] == '-') {
                closed = true;
                return false;
            }
            // transport padding, then CRLF
            while (true) {
                fill(1);
                if (pos >= lim) {
                    throw malformed();
                }
                byte c = buf[pos++];
                if (c == '\n') {
                    break;
                }
                if (c != '\r' && c != ' ' && c != '\t') {
                    throw malformed();
                }
            }
            partEnded = false;
            return true;
        }

        /** Skips what is left of the current part. */
        void skipPart() throws IOException {
            byte[] sink = new byte[8192];
            while (read(sink, 0, sink.length) >= 0) {
                // discard
            }
        }

        /** The rest of the current part, refusing more than {@code budget} bytes (MaxPostPreDataLengthExceeded). */
        byte[] readPart(int budget) throws IOException {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            byte[] chunk = new byte[4096];
            int n;
            while ((n = read(chunk, 0, chunk.length)) >= 0) {
                if (out.size() + n > budget) {
                    throw new S3Exception(S3ErrorCode.MAX_POST_PRE_DATA_LENGTH_EXCEEDED);
                }
                out.write(chunk, 0, n);
            }
            return out.toByteArray();
        }

        /** A header line of the current part, without its CRLF; at most {@code budget} bytes. */
        String readLine(int budget) throws IOException {
            ByteArrayOutputStream line = new ByteArrayOutputStream();
            while (true) {
                fill(2);
                if (pos >= lim) {
                    throw malformed();
                }
                byte c = buf[pos++];
                if (c == '\r' && pos < lim && buf[pos] == '\n') {
                    pos++;
                    return line.toString(StandardCharsets.UTF_8);
                }
                line.write(c);
                if (line.size() + 2 > budget) {
                    throw new S3Exception(S3ErrorCode.MAX_POST_PRE_DATA_LENGTH_EXCEEDED);
                }
            }
        }

        /** Reads to the end of the body, at most {@code max} bytes. */
        void drain(long max) throws IOException {
            long drained = lim - pos;
            pos = lim;
            byte[] sink = new byte[8192];
            int n;
            while (drained < max && (n = in.read(sink)) >= 0) {
                drained += n;
            }
        }

        /** Reads until at least {@code wanted} bytes are buffered from pos, or the body ends. */
        private void fill(int wanted) throws IOException {
            if (lim - pos >= wanted || eof) {
                return;
            }
            if (pos > 0) {
                System.arraycopy(buf, pos, buf, 0, lim - pos);
                lim -= pos;
                pos = 0;
            }
            while (lim < buf.length && lim - pos < Math.max(wanted, BUFFER / 2)) {
                int n = in.read(buf, lim, buf.length - lim);
                if (n < 0) {
                    eof = true;
                    return;
                }
                lim += n;
                if (lim - pos >= wanted && n > 0 && in.available() <= 0) {
                    return;
                }
            }
        }

        private int indexOfDelimiter() {
            int last = lim - delimiter.length;
            outer:
            for (int i = pos; i <= last; i++) {
                for (int j = 0; j < delimiter.length; j++) {
                    if (buf[i + j] != delimiter[j]) {
                        continue outer;
                    }
                }
                return i;
            }
            return -1;
        }
    }
}
