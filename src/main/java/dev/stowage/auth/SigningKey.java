package dev.stowage.auth;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A derived SigV4 signing key with a HMAC-SHA256 already set up for it. Every signature made with the key (the
 * request's, each aws-chunked chunk's, the trailer's) starts from a clone of that HMAC, which spares the provider
 * lookup and the key schedule a fresh {@link Mac} costs on each use. The set-up HMAC is never used itself, so
 * cloning it from several threads at once is safe.
 */
final class SigningKey {
    private final byte[] key;
    private final Mac keyed;

    SigningKey(byte[] key) {
        this.key = key.clone();
        try {
            this.keyed = SigV4.newHmac();
            keyed.init(new SecretKeySpec(this.key, SigV4.HMAC_SHA256));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }


    /** The lower-case hex HMAC-SHA256 of {@code text} under this key: a SigV4 signature of a string to sign. */
    String sign(String text) {
        Mac mac;
        try {
            mac = (Mac) keyed.clone();
        } catch (CloneNotSupportedException e) {
            return SigV4.signature(key, text); // a provider whose HMAC cannot be cloned: set one up each time
        }
        return Hex.encode(mac.doFinal(text.getBytes(StandardCharsets.UTF_8)));
    }
}
