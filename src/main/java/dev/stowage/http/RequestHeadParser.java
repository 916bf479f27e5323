package dev.stowage.http;

import dev.stowage.s3.error.S3ErrorCode;
import dev.stowage.s3.error.S3Exception;
import io.vertx.core.MultiMap;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Builds a {@link RequestHead} from the raw request line and headers. Keys are taken from the raw path and
 * percent-decoded once: no normalisation, so {@code a//b/../c} stays exactly that key.
 */
public final class RequestHeadParser {
    private final List<String> domains;

    public RequestHeadParser(List<String> domains) {
        List<String> normalised = new ArrayList<>();
        for (String d : domains) {
            String t = d.trim().toLowerCase(Locale.ROOT);
            if (!t.isEmpty()) {
                normalised.add(t);
            }
        }
        this.domains = List.copyOf(normalised);
    }

    public RequestHead parse(String method, String uri, MultiMap rawHeaders, String requestId) {
        int q = uri.indexOf('?');
        String rawPath = q < 0 ? uri : uri.substring(0, q);
        String rawQuery = q < 0 ? "" : uri.substring(q + 1);
        if (!rawPath.startsWith("/")) {
            // Absolute-form request targets (http://host/path) carry the path after the authority.
            int scheme = rawPath.indexOf("://");
            int slash = scheme < 0 ? -1 : rawPath.indexOf('/', scheme + 3);
            if (slash < 0) {
                throw new S3Exception(S3ErrorCode.INVALID_URI);
            }
            rawPath = rawPath.substring(slash);
        }
        Map<String, List<String>> headers = headers(rawHeaders);
        List<RequestHead.QueryParam> query = parseQuery(rawQuery);
        String bucket;
        String key;
        String hostBucket = bucketFromHost(first(headers, "host"));
        if (hostBucket != null) {
            bucket = hostBucket;
            String k = decode(rawPath.substring(1), false);
            key = k.isEmpty() ? null : k;
        } else {
            int slash = rawPath.indexOf('/', 1);
            String b = decode(slash < 0 ? rawPath.substring(1) : rawPath.substring(1, slash), false);
            if (b.isEmpty() && rawPath.length() > 1) {
                throw new S3Exception(S3ErrorCode.INVALID_BUCKET_NAME, "The specified bucket is not valid: the path starts with an empty bucket name.")
                        .element("BucketName", "");
            }
            bucket = b.isEmpty() ? null : b;
            String k = slash < 0 ? "" : decode(rawPath.substring(slash + 1), false);
            key = k.isEmpty() ? null : k;
        }
        return new RequestHead(method, rawPath, rawQuery, query, headers, bucket, key, hostBucket != null, requestId);
    }

    private String bucketFromHost(String host) {
        if (host == null || domains.isEmpty()) {
            return null;
        }
        String h = host.trim().toLowerCase(Locale.ROOT);
        if (h.startsWith("[")) {
            return null;
        }
        int colon = h.lastIndexOf(':');
        if (colon >= 0) {
            h = h.substring(0, colon);
        }
        for (String domain : domains) {
            if (h.length() > domain.length() + 1 && h.endsWith(domain) && h.charAt(h.length() - domain.length() - 1) == '.') {
                return h.substring(0, h.length() - domain.length() - 1);
            }
        }
        return null;
    }

    private static Map<String, List<String>> headers(MultiMap raw) {
        Map<String, List<String>> headers = new HashMap<>(raw.size() * 2);
        for (Map.Entry<String, String> e : raw) {
            headers.computeIfAbsent(e.getKey().toLowerCase(Locale.ROOT), k -> new ArrayList<>(1)).add(e.getValue());
        }
        return headers;
    }

    private static String first(Map<String, List<String>> headers, String name) {
        List<String> v = headers.get(name);
        return v == null || v.isEmpty() ? null : v.get(0);
    }

    static List<RequestHead.QueryParam> parseQuery(String rawQuery) {
        if (rawQuery.isEmpty()) {
            return List.of();
        }
        List<RequestHead.QueryParam> params = new ArrayList<>(4);
        int start = 0;
        while (start <= rawQuery.length()) {
            int amp = rawQuery.indexOf('&', start);
            int end = amp < 0 ? rawQuery.length() : amp;
            if (end > start) {
                String part = rawQuery.substring(start, end);
                int eq = part.indexOf('=');
                if (eq < 0) {
                    params.add(new RequestHead.QueryParam(decode(part, true), null));
                } else {
                    params.add(new RequestHead.QueryParam(decode(part.substring(0, eq), true), decode(part.substring(eq + 1), true)));
                }
            }
            if (amp < 0) {
                break;
            }
            start = amp + 1;
        }
        return params;
    }

    /** Percent-decodes UTF-8; {@code plusIsSpace} for query components. Malformed input is InvalidURI. */
    static String decode(String s, boolean plusIsSpace) {
        if (isPlain(s, plusIsSpace)) {
            return s;
        }
        byte[] out = new byte[s.length()];
        int n = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '%') {
                if (i + 2 >= s.length()) {
                    throw invalidUri();
                }
                int hi = Character.digit(s.charAt(i + 1), 16);
                int lo = Character.digit(s.charAt(i + 2), 16);
                if (hi < 0 || lo < 0) {
                    throw invalidUri();
                }
                out[n++] = (byte) ((hi << 4) | lo);
                i += 2;
            } else if (c == '+' && plusIsSpace) {
                out[n++] = ' ';
            } else if (c < 0x100) {
                // The request line arrives as ISO-8859-1: each char is one raw byte of the UTF-8 URI.
                out[n++] = (byte) c;
            } else {
                byte[] enc = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
                if (n + enc.length > out.length) {
                    out = java.util.Arrays.copyOf(out, out.length * 2 + enc.length);
                }
                System.arraycopy(enc, 0, out, n, enc.length);
                n += enc.length;
            }
        }
        if (ascii(out, n)) {
            return new String(out, 0, n, StandardCharsets.ISO_8859_1); // no decoder needed (presigned credentials)
        }
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(out, 0, n))
                    .toString();
        } catch (CharacterCodingException e) {
            throw invalidUri();
        }
    }

    private static boolean ascii(byte[] bytes, int length) {
        for (int i = 0; i < length; i++) {
            if (bytes[i] < 0) {
                return false;
            }
        }
        return true;
    }

    private static boolean isPlain(String s, boolean plusIsSpace) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '%' || c >= 0x80 || (plusIsSpace && c == '+')) {
                return false;
            }
        }
        return true;
    }

    private static S3Exception invalidUri() {
        return new S3Exception(S3ErrorCode.INVALID_URI);
    }
}
