package dev.stowage.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.stowage.http.RequestHead;
import dev.stowage.s3.error.S3ErrorCode;
import dev.stowage.s3.error.S3Exception;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.function.Executable;

/** Builds RequestHeads and authenticators for the tests; AWS's example credentials are the default. */
final class TestRequests {
    static final String ACCESS_KEY = "AKIAIOSFODNN7EXAMPLE";
    static final String SECRET = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";
    static final Instant AWS_EXAMPLE_TIME = Instant.parse("2013-05-24T00:00:00Z");
    static final Credential EXAMPLE = new Credential(ACCESS_KEY, SECRET, "u-example", "example", false, true);

    private TestRequests() {}

    static RequestAuthenticator authenticator(Instant now, Credential... credentials) {
        Credential[] all = credentials.length == 0 ? new Credential[] {EXAMPLE} : credentials;
        CredentialStore store = id -> {
            for (Credential c : all) {
                if (c.accessKeyId().equals(id)) {
                    return Optional.of(c);
                }
            }
            return Optional.empty();
        };
        return new RequestAuthenticator(store, Clock.fixed(now, ZoneOffset.UTC));
    }

    static Builder request(String method, String rawPath) {
        return new Builder(method, rawPath);
    }

    static final class Builder {
        private final String method;
        private final String rawPath;
        private String rawQuery;
        private final Map<String, List<String>> headers = new LinkedHashMap<>();
        private String bucket;
        private String key;
        private boolean virtualHosted;

        Builder(String method, String rawPath) {
            this.method = method;
            this.rawPath = rawPath;
        }

        Builder query(String raw) {
            this.rawQuery = raw;
            return this;
        }

        Builder header(String name, String value) {
            headers.computeIfAbsent(name.toLowerCase(Locale.ROOT), n -> new ArrayList<>()).add(value);
            return this;
        }

        /** Virtual-hosted style: the bucket comes from Host. */
        Builder virtualHosted(String bucket, String key) {
            this.bucket = bucket;
            this.key = key;
            this.virtualHosted = true;
            return this;
        }

        Builder pathStyle(String bucket, String key) {
            this.bucket = bucket;
            this.key = key;
            this.virtualHosted = false;
            return this;
        }

        RequestHead build() {
            List<RequestHead.QueryParam> params = new ArrayList<>();
            if (rawQuery != null && !rawQuery.isEmpty()) {
                for (String part : rawQuery.split("&")) {
                    int eq = part.indexOf('=');
                    params.add(eq < 0 ? new RequestHead.QueryParam(decode(part), null)
                            : new RequestHead.QueryParam(decode(part.substring(0, eq)),
                                    decode(part.substring(eq + 1))));
                }
            }
            return new RequestHead(method, rawPath, rawQuery, params, headers, bucket, key, virtualHosted, "req-1");
        }

        private static String decode(String s) {
            return URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8);
        }
    }

    /** Asserts that the call fails with that S3 error code and returns the exception. */
    static S3Exception assertS3Error(S3ErrorCode code, Executable call) {
        S3Exception e = assertThrows(S3Exception.class, call);
        assertEquals(code, e.error(), () -> "got " + e.error() + ": " + e.getMessage());
        return e;
    }

    /** The value of an extra XML element of the error, or null. */
    static String element(S3Exception e, String name) {
        for (Map.Entry<String, String> entry : e.extraElements()) {
            if (entry.getKey().equals(name)) {
                return entry.getValue();
            }
        }
        return null;
    }

    static byte[] readAll(InputStream in) {
        try (in) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Reads the body the way a store does: through the verifying stream, to the end. */
    static byte[] readBody(VerifiedRequest verified, RequestHead head, byte[] raw) {
        return readAll(verified.body(new ByteArrayInputStream(raw), head));
    }

    static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    static byte[] repeat(char c, int n) {
        byte[] out = new byte[n];
        java.util.Arrays.fill(out, (byte) c);
        return out;
    }

    static byte[] concat(byte[]... parts) {
        int length = 0;
        for (byte[] p : parts) {
            length += p.length;
        }
        byte[] out = new byte[length];
        int at = 0;
        for (byte[] p : parts) {
            System.arraycopy(p, 0, out, at, p.length);
            at += p.length;
        }
        return out;
    }
}
