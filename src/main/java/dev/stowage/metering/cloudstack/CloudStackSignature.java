package dev.stowage.metering.cloudstack;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * CloudStack's request signature (developer's guide 5.2): every parameter but {@code signature} as
 * {@code name=URL-encoded value} (spaces as {@code %20}), sorted by name, joined with {@code &}, the whole
 * lower-cased; then Base64(HMAC-SHA1(secret key, that string)). Pure functions.
 */
public final class CloudStackSignature {
    public static final String SIGNATURE = "signature";

    private CloudStackSignature() {}

    /** A decoded request parameter. */
    public record Param(String name, String value) {}

    /** The string to sign of the parameters (any {@code signature} among them is left out). */
    public static String stringToSign(List<Param> params) {
        List<Param> sorted = new ArrayList<>();
        for (Param p : params) {
            if (!p.name().equalsIgnoreCase(SIGNATURE)) {
                sorted.add(p);
            }
        }
        sorted.sort(Comparator.comparing((Param p) -> p.name().toLowerCase(Locale.ROOT)).thenComparing(Param::value));
        StringBuilder out = new StringBuilder();
        for (Param p : sorted) {
            if (!out.isEmpty()) {
                out.append('&');
            }
            out.append(p.name()).append('=').append(encode(p.value()));
        }
        return out.toString().toLowerCase(Locale.ROOT);
    }

    /** Base64(HMAC-SHA1(secret, stringToSign)). */
    public static String sign(String secretKey, String stringToSign) {
        try {
            Mac mac = Mac.getInstance("HmacSHA1");
            mac.init(new SecretKeySpec(secretKey.getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
            return Base64.getEncoder().encodeToString(mac.doFinal(stringToSign.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA1 unavailable", e);
        }
    }

    /** Whether {@code provided} is the signature of the parameters, compared in constant time. */
    public static boolean verify(String secretKey, List<Param> params, String provided) {
        if (provided == null) {
            return false;
        }
        String expected = sign(secretKey, stringToSign(params));
        return MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8),
                provided.strip().getBytes(StandardCharsets.UTF_8));
    }

    /** A value as CloudStack encodes it for signing: form-encoded, with spaces as {@code %20}. */
    static String encode(String value) {
        return URLEncoder.encode(value == null ? "" : value, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
