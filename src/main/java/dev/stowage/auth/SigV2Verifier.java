package dev.stowage.auth;

import dev.stowage.http.RequestHead;
import dev.stowage.s3.error.S3ErrorCode;
import dev.stowage.s3.error.S3Exception;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/** Verifies SigV2 signatures, from {@code Authorization: AWS AK:sig} or the presigned query parameters. */
final class SigV2Verifier {
    private final CredentialLookup credentials;

    SigV2Verifier(CredentialLookup credentials) {
        this.credentials = credentials;
    }

    Credential verifyHeader(RequestHead head, QueryString query, String authorization, Instant now) {
        SigV2Authorization auth = SigV2Authorization.parse(authorization);
        String amzDate = head.header(AuthNames.X_AMZ_DATE);
        String date = head.header(AuthNames.DATE);
        String timeText = amzDate != null ? amzDate : date;
        Instant time = timeText == null ? null : RequestTime.parseAny(timeText.trim());
        if (time == null) {
            throw AuthErrors.missingDate();
        }
        new RequestTime(time, timeText).checkSkew(now);
        Credential credential = credentials.require(auth.accessKeyId());
        List<String> dateLines = new ArrayList<>(2);
        dateLines.add(amzDate != null ? "" : date);
        if (amzDate != null && date != null) {
            dateLines.add(date);
        }
        verify(head, query, credential, dateLines, auth.signature());
        return credential;
    }

    Credential verifyPresigned(RequestHead head, QueryString query, Instant now) {
        String accessKeyId = query.value(AuthNames.AWS_ACCESS_KEY_ID);
        String signature = query.value(AuthNames.SIGNATURE);
        String expires = query.value(AuthNames.EXPIRES);
        if (accessKeyId == null || signature == null || expires == null) {
            throw new S3Exception(S3ErrorCode.ACCESS_DENIED,
                    "Query-string authentication requires the Signature, Expires and AWSAccessKeyId parameters");
        }
        long expiresEpoch;
        try {
            expiresEpoch = Long.parseLong(expires.trim());
        } catch (NumberFormatException e) {
            throw new S3Exception(S3ErrorCode.ACCESS_DENIED,
                    "Invalid date (should be seconds since epoch): " + expires);
        }
        if (now.getEpochSecond() > expiresEpoch) {
            throw AuthErrors.expired()
                    .element("Expires", AuthErrors.iso(Instant.ofEpochSecond(expiresEpoch)))
                    .element("ServerTime", AuthErrors.iso(now));
        }
        Credential credential = credentials.require(accessKeyId);
        verify(head, query, credential, List.of(expires), signature);
        return credential;
    }

    /**
     * Tries each candidate date line and canonical resource; the first match wins. The base64 text is compared
     * as sent (constant time), so a signature differing only in ignored padding bits is not accepted either.
     */
    private static void verify(RequestHead head, QueryString query, Credential credential, List<String> dateLines,
            String provided) {
        byte[] providedBytes = provided.trim().getBytes(StandardCharsets.US_ASCII);
        String amzHeaders = SigV2.canonicalizedAmzHeaders(head.headers());
        List<String> resources = SigV2.canonicalizedResources(head, query);
        String first = null;
        for (String dateLine : dateLines) {
            for (String resource : resources) {
                String stringToSign = SigV2.stringToSign(head.method(), head.header(AuthNames.CONTENT_MD5),
                        head.header(AuthNames.CONTENT_TYPE), dateLine, amzHeaders, resource);
                byte[] expected = Base64.getEncoder().encode(SigV2.hmacSha1(credential.secretKey(), stringToSign));
                if (MessageDigest.isEqual(expected, providedBytes)) {
                    return;
                }
                if (first == null) {
                    first = stringToSign;
                }
            }
        }
        throw AuthErrors.signatureMismatch()
                .element("AWSAccessKeyId", credential.accessKeyId())
                .element("StringToSign", first)
                .element("SignatureProvided", provided)
                .element("StringToSignBytes", Hex.spaced(first.getBytes(StandardCharsets.UTF_8)));
    }
}
