package dev.stowage.auth;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signature Version 4, as pure functions: canonical request, string to sign, signing key, signatures of the
 * request, of each aws-chunked chunk and of the trailer.
 */
final class SigV4 {
    static final String ALGORITHM = AuthNames.AWS4_HMAC_SHA256;
    static final String CHUNK_ALGORITHM = "AWS4-HMAC-SHA256-PAYLOAD";
    static final String TRAILER_ALGORITHM = "AWS4-HMAC-SHA256-TRAILER";
    static final String EMPTY_SHA256 = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

    private static final Comparator<String[]> BY_NAME_THEN_VALUE =
            Comparator.<String[], String>comparing(p -> p[0]).thenComparing(p -> p[1]);

    static final String HMAC_SHA256 = "HmacSHA256";

    /** Never used itself, only cloned: a clone skips the provider lookup of {@code getInstance}. */
    private static final MessageDigest SHA256_PROTOTYPE = sha256Instance();
    private static final Mac HMAC_PROTOTYPE = hmacInstance();

    private SigV4() {}

    static String canonicalRequest(String method, String canonicalUri, String canonicalQuery,
            String canonicalHeaders, String signedHeaders, String payloadHash) {
        return method + '\n' + canonicalUri + '\n' + canonicalQuery + '\n' + canonicalHeaders + '\n'
                + signedHeaders + '\n' + payloadHash;
    }

    static String stringToSign(String timestamp, String scope, String canonicalRequest) {
        return ALGORITHM + '\n' + timestamp + '\n' + scope + '\n' + sha256Hex(canonicalRequest);
    }

    static String chunkStringToSign(String timestamp, String scope, String previousSignature, String chunkSha256Hex) {
        return CHUNK_ALGORITHM + '\n' + timestamp + '\n' + scope + '\n' + previousSignature + '\n' + EMPTY_SHA256
                + '\n' + chunkSha256Hex;
    }

    static String trailerStringToSign(String timestamp, String scope, String previousSignature,
            String trailerSha256Hex) {
        return TRAILER_ALGORITHM + '\n' + timestamp + '\n' + scope + '\n' + previousSignature + '\n'
                + trailerSha256Hex;
    }

    /** The canonical URI: the raw path percent-decoded and re-encoded S3-style; never normalised. */
    static String canonicalUri(String rawPath) {
        if (rawPath == null || rawPath.isEmpty()) {
            return "/";
        }
        return UriEncoding.canonical(rawPath, true);
    }

    /**
     * The canonical query: every parameter but {@code X-Amz-Signature}, names and values re-encoded strictly,
     * sorted by name then value; a bare word gets an empty value.
     */
    static String canonicalQuery(QueryString query) {
        if (query.params().isEmpty()) {
            return "";
        }
        List<String[]> pairs = new ArrayList<>(query.params().size());
        for (QueryString.Param p : query.params()) {
            String name = UriEncoding.canonical(p.rawName(), false);
            if (name.equals(AuthNames.X_AMZ_SIGNATURE)) {
                continue;
            }
            String value = p.rawValue() == null ? "" : UriEncoding.canonical(p.rawValue(), false);
            pairs.add(new String[] {name, value});
        }
        pairs.sort(BY_NAME_THEN_VALUE);
        StringBuilder out = new StringBuilder();
        for (String[] pair : pairs) {
            if (!out.isEmpty()) {
                out.append('&');
            }
            out.append(pair[0]).append('=').append(pair[1]);
        }
        return out.toString();
    }

    /**
     * The canonical headers block, one {@code name:value\n} per signed header: values trimmed, runs of blanks
     * collapsed to one space, several values joined with {@code ,}.
     */
    static String canonicalHeaders(Map<String, List<String>> headers, SignedHeaders signed) {
        StringBuilder out = new StringBuilder(256);
        for (String name : signed.names()) {
            out.append(name).append(':');
            List<String> values = headers.get(name);
            if (values != null) {
                for (int i = 0; i < values.size(); i++) {
                    if (i > 0) {
                        out.append(',');
                    }
                    appendTrimmedCollapsed(out, SignedHeaderText.of(values.get(i)));
                }
            }
            out.append('\n');
        }
        return out.toString();
    }

    private static void appendTrimmedCollapsed(StringBuilder out, String value) {
        int start = 0;
        int end = value.length();
        while (start < end && isBlank(value.charAt(start))) {
            start++;
        }
        while (end > start && isBlank(value.charAt(end - 1))) {
            end--;
        }
        boolean inBlank = false;
        for (int i = start; i < end; i++) {
            char c = value.charAt(i);
            if (isBlank(c)) {
                if (!inBlank) {
                    out.append(' ');
                }
                inBlank = true;
            } else {
                out.append(c);
                inBlank = false;
            }
        }
    }

    private static boolean isBlank(char c) {
        return c == ' ' || c == '\t';
    }

    /** kSigning = HMAC(HMAC(HMAC(HMAC("AWS4" + secret, date), region), service), "aws4_request"). */
    static byte[] signingKey(String secret, String date, String region, String service) {
        byte[] key = hmacSha256(("AWS4" + secret).getBytes(StandardCharsets.UTF_8), date);
        key = hmacSha256(key, region);
        key = hmacSha256(key, service);
        return hmacSha256(key, CredentialScope.TERMINATOR);
    }

    /** The hex signature of a string to sign. */
    static String signature(byte[] signingKey, String stringToSign) {
        return Hex.encode(hmacSha256(signingKey, stringToSign));
    }

    static byte[] hmacSha256(byte[] key, String data) {
        try {
            Mac mac = newHmac();
            mac.init(new SecretKeySpec(key, HMAC_SHA256));
            return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }

    static String sha256Hex(String text) {
        return Hex.encode(newSha256().digest(text.getBytes(StandardCharsets.UTF_8)));
    }

    /** A fresh SHA-256 digest. */
    static MessageDigest newSha256() {
        try {
            return (MessageDigest) SHA256_PROTOTYPE.clone();
        } catch (CloneNotSupportedException e) {
            return sha256Instance();
        }
    }

    /** A fresh, uninitialised HMAC-SHA256. */
    static Mac newHmac() {
        try {
            return (Mac) HMAC_PROTOTYPE.clone();
        } catch (CloneNotSupportedException e) {
            return hmacInstance();
        }
    }

    private static MessageDigest sha256Instance() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 unavailable", e);
        }
    }

    private static Mac hmacInstance() {
        try {
            return Mac.getInstance(HMAC_SHA256);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }

    /** Compares two signatures in constant time, ignoring the case of hex digits. */
    static boolean sameSignature(String expectedHex, String providedHex) {
        byte[] expected = Hex.decode(expectedHex, 32);
        byte[] provided = Hex.decode(providedHex, 32);
        return expected != null && provided != null && MessageDigest.isEqual(expected, provided);
    }
}
