package dev.stowage.auth;

import dev.stowage.http.RequestHead;
import dev.stowage.s3.error.S3ErrorCode;
import dev.stowage.s3.error.S3Exception;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

/**
 * Verifies SigV4 signatures, from the {@code Authorization} header or presigned query parameters: parses, checks
 * scope and time, looks the key up, recomputes the signature and compares it in constant time.
 */
final class SigV4Verifier {
    static final long MAX_PRESIGN_EXPIRES = 604800;

    private final CredentialLookup credentials;
    private final SigningKeyCache signingKeys;

    /** A verified SigV4 request: the credential and what chunk signatures chain from. */
    record Signed(Credential credential, ChunkSigner chunkSigner) {}

    SigV4Verifier(CredentialLookup credentials, SigningKeyCache signingKeys) {
        this.credentials = credentials;
        this.signingKeys = signingKeys;
    }

    Signed verifyHeader(RequestHead head, QueryString query, String authorization, ContentSha256 payload,
            Instant now) {
        SigV4Authorization auth = SigV4Authorization.parse(authorization);
        RequestTime time = requestTime(head);
        CredentialScope scope = auth.credential();
        if (!scope.date().equals(time.scopeDate())) {
            throw AuthErrors.malformedV4Header("Invalid credential date \"" + scope.date()
                    + "\". This date is not the same as X-Amz-Date: \"" + time.scopeDate() + "\".");
        }
        time.checkSkew(now);
        return verify(head, query, scope, auth.signedHeaders(), RequestTime.amzFormat(time.instant()),
                payload.value(), auth.signature());
    }

    Signed verifyPresigned(RequestHead head, QueryString query, Instant now) {
        String algorithm = query.value(AuthNames.X_AMZ_ALGORITHM);
        String credential = query.value(AuthNames.X_AMZ_CREDENTIAL);
        String date = query.value(AuthNames.X_AMZ_DATE_PARAM);
        String expires = query.value(AuthNames.X_AMZ_EXPIRES);
        String signedHeaders = query.value(AuthNames.X_AMZ_SIGNED_HEADERS);
        String signature = query.value(AuthNames.X_AMZ_SIGNATURE);
        if (algorithm == null || credential == null || date == null || expires == null || signedHeaders == null
                || signature == null) {
            throw AuthErrors.malformedV4Query("Query-string authentication version 4 requires the X-Amz-Algorithm, "
                    + "X-Amz-Credential, X-Amz-Signature, X-Amz-Date, X-Amz-SignedHeaders, and X-Amz-Expires "
                    + "parameters.");
        }
        if (!algorithm.equals(AuthNames.AWS4_HMAC_SHA256)) {
            throw AuthErrors.malformedV4Query("X-Amz-Algorithm only supports \"AWS4-HMAC-SHA256\"");
        }
        CredentialScope scope = CredentialScope.parse(credential,
                detail -> AuthErrors.malformedV4Query("Error parsing the X-Amz-Credential parameter; " + detail));
        Instant signedAt = RequestTime.parseAmzDate(date);
        if (signedAt == null) {
            throw AuthErrors.malformedV4Query(
                    "X-Amz-Date must be in the ISO8601 Long Format \"yyyyMMdd'T'HHmmss'Z'\"");
        }
        long expiresSeconds = parseExpires(expires);
        RequestTime time = new RequestTime(signedAt, date);
        if (!scope.date().equals(time.scopeDate())) {
            throw AuthErrors.malformedV4Query("Invalid credential date \"" + scope.date()
                    + "\". This date is not the same as X-Amz-Date: \"" + time.scopeDate() + "\".");
        }
        if (signedAt.toEpochMilli() - now.toEpochMilli() > AuthErrors.MAX_SKEW_MILLIS) {
            throw AuthErrors.skewed(date, now);
        }
        Instant expiresAt = signedAt.plusSeconds(expiresSeconds);
        if (expiresSeconds == 0 || now.isAfter(expiresAt)) { // valid for no time at all: expired when it arrives
            throw AuthErrors.expired()
                    .element(AuthNames.X_AMZ_EXPIRES, expires)
                    .element("Expires", AuthErrors.iso(expiresAt))
                    .element("ServerTime", AuthErrors.iso(now));
        }
        SignedHeaders headers = SignedHeaders.parse(signedHeaders,
                detail -> AuthErrors.malformedV4Query("Error parsing the X-Amz-SignedHeaders parameter; " + detail));
        String payloadHash = query.value(AuthNames.X_AMZ_CONTENT_SHA256_PARAM);
        return verify(head, query, scope, headers, date, payloadHash == null ? AuthNames.UNSIGNED_PAYLOAD : payloadHash,
                signature);
    }

    private static long parseExpires(String expires) {
        long seconds;
        try {
            seconds = Long.parseLong(expires);
        } catch (NumberFormatException e) {
            throw AuthErrors.malformedV4Query("X-Amz-Expires should be a number");
        }
        if (seconds < 0) {
            throw AuthErrors.malformedV4Query("X-Amz-Expires must be non-negative");
        }
        if (seconds > MAX_PRESIGN_EXPIRES) {
            throw AuthErrors.malformedV4Query("X-Amz-Expires must be less than a week (in seconds) that is 604800");
        }
        return seconds;
    }

    /** x-amz-date (ISO 8601 basic) or else Date (HTTP date). */
    private static RequestTime requestTime(RequestHead head) {
        String amzDate = head.header(AuthNames.X_AMZ_DATE);
        if (amzDate != null) {
            Instant t = RequestTime.parseAmzDate(amzDate.trim());
            if (t == null) {
                throw AuthErrors.missingDate();
            }
            return new RequestTime(t, amzDate);
        }
        String date = head.header(AuthNames.DATE);
        Instant t = RequestTime.parseHttpDate(date);
        if (t == null) {
            throw AuthErrors.missingDate();
        }
        return new RequestTime(t, date);
    }

    /**
     * Recomputes the signature over the canonical URI re-encoded from the decoded path, then over the path
     * exactly as sent; the first match wins.
     */
    private Signed verify(RequestHead head, QueryString query, CredentialScope scope, SignedHeaders signedHeaders,
            String timestamp, String payloadHash, String provided) {
        Credential credential = credentials.require(scope.accessKeyId());
        requireAmzHeadersSigned(head, signedHeaders);
        SigningKey key = signingKeys.signingKey(credential.secretKey(), scope.date(), scope.region(), scope.service());
        String canonicalQuery = SigV4.canonicalQuery(query);
        String canonicalHeaders = SigV4.canonicalHeaders(head.headers(), signedHeaders);
        String reencoded = SigV4.canonicalUri(head.rawPath());
        String asSent = head.rawPath() == null || head.rawPath().isEmpty() ? "/" : head.rawPath();
        String firstCanonicalRequest = null;
        String firstStringToSign = null;
        for (String uri : asSent.equals(reencoded) ? new String[] {reencoded} : new String[] {reencoded, asSent}) {
            String canonicalRequest = SigV4.canonicalRequest(head.method(), uri, canonicalQuery, canonicalHeaders,
                    signedHeaders.joined(), payloadHash);
            String stringToSign = SigV4.stringToSign(timestamp, scope.scope(), canonicalRequest);
            String expected = key.sign(stringToSign);
            if (SigV4.sameSignature(expected, provided)) {
                return new Signed(credential, new ChunkSigner(key, timestamp, scope.scope(), expected));
            }
            if (firstCanonicalRequest == null) {
                firstCanonicalRequest = canonicalRequest;
                firstStringToSign = stringToSign;
            }
        }
        throw mismatch(scope.accessKeyId(), firstStringToSign, provided, firstCanonicalRequest);
    }

    /**
     * Every {@code x-amz-*} header the request carries must be signed, or a signed request could be given other
     * meaning (an unsigned {@code x-amz-copy-source} turning a PUT into a copy): 403 AccessDenied naming them.
     */
    private static void requireAmzHeadersSigned(RequestHead head, SignedHeaders signedHeaders) {
        StringBuilder unsigned = null;
        for (String name : head.headers().keySet()) {
            if (name.startsWith(AuthNames.X_AMZ_PREFIX) && !signedHeaders.names().contains(name)) {
                unsigned = unsigned == null ? new StringBuilder(name) : unsigned.append(", ").append(name);
            }
        }
        if (unsigned != null) {
            throw new S3Exception(S3ErrorCode.ACCESS_DENIED,
                    "There were headers present in the request which were not signed")
                    .element("HeadersNotSigned", unsigned.toString());
        }
    }

    private static S3Exception mismatch(String accessKeyId, String stringToSign, String provided,
            String canonicalRequest) {
        return AuthErrors.signatureMismatch()
                .element("AWSAccessKeyId", accessKeyId)
                .element("StringToSign", stringToSign)
                .element("SignatureProvided", provided)
                .element("StringToSignBytes", Hex.spaced(stringToSign.getBytes(StandardCharsets.UTF_8)))
                .element("CanonicalRequest", canonicalRequest)
                .element("CanonicalRequestBytes", Hex.spaced(canonicalRequest.getBytes(StandardCharsets.UTF_8)));
    }
}
