package dev.stowage.auth;

import dev.stowage.http.RequestHead;
import dev.stowage.s3.error.S3ErrorCode;
import dev.stowage.s3.error.S3Exception;
import java.time.Clock;
import java.time.Instant;
import java.util.Objects;
import java.util.function.Function;

/**
 * Verifies a request's signature once, before anything else looks at it: SigV4 or SigV2, in the
 * {@code Authorization} header or presigned in the query, or none (anonymous). The answer is a
 * {@link VerifiedRequest}; every failure is an {@link S3Exception}.
 */
public final class RequestAuthenticator {
    private static final int SIGNING_KEY_CACHE_SIZE = 256;

    private final Clock clock;
    private final SigV4Verifier sigV4;
    private final SigV2Verifier sigV2;
    private final PostFormVerifier postForms;

    public RequestAuthenticator(CredentialStore credentials, Clock clock) {
        CredentialLookup lookup = new CredentialLookup(Objects.requireNonNull(credentials, "credentials"));
        this.clock = Objects.requireNonNull(clock, "clock");
        SigningKeyCache signingKeys = new SigningKeyCache(SIGNING_KEY_CACHE_SIZE);
        this.sigV4 = new SigV4Verifier(lookup, signingKeys);
        this.sigV2 = new SigV2Verifier(lookup);
        this.postForms = new PostFormVerifier(lookup, signingKeys);
    }

    /**
     * Verifies the request's signature (header or presigned, V4 or V2) or returns an anonymous
     * {@link VerifiedRequest} when it carries none.
     *
     * @throws S3Exception on any authentication failure
     */
    public VerifiedRequest authenticate(RequestHead head) {
        try {
            return authenticate(head, QueryString.parse(head.rawQuery()), clock.instant());
        } catch (S3Exception e) {
            throw e;
        } catch (RuntimeException e) {
            throw new S3Exception(S3ErrorCode.INTERNAL_ERROR, "Failed to authenticate the request", e);
        }
    }

    /**
     * Verifies the signature of a POST Object form ({@code field} gives a field's value by lower-case name): SigV4
     * or SigV2 over its policy, or none (anonymous). The form's body needs no further verification.
     *
     * @throws S3Exception on any authentication failure
     */
    public VerifiedRequest authenticateForm(Function<String, String> field) {
        Credential credential = postForms.verify(field);
        return credential == null ? VerifiedRequest.anonymous()
                : new VerifiedRequest(principal(credential), PayloadMode.UNSIGNED, null, null, null, null);
    }

    private VerifiedRequest authenticate(RequestHead head, QueryString query, Instant now) {
        String authorization = head.header(AuthNames.AUTHORIZATION);
        if (authorization != null && authorization.isBlank()) {
            authorization = null; // an empty Authorization header signs nothing: the request is anonymous
        }
        boolean v4Query = query.has(AuthNames.X_AMZ_ALGORITHM) || query.has(AuthNames.X_AMZ_CREDENTIAL)
                || query.has(AuthNames.X_AMZ_SIGNATURE);
        boolean v2Query = !v4Query && (query.has(AuthNames.AWS_ACCESS_KEY_ID) || query.has(AuthNames.SIGNATURE));
        if (authorization != null) {
            if (v4Query || v2Query) {
                throw AuthErrors.onlyOneAuthMechanism(authorization);
            }
            if (SigV4Authorization.matches(authorization)) {
                return sigV4Header(head, query, authorization, now);
            }
            if (SigV2Authorization.matches(authorization)) {
                Credential credential = sigV2.verifyHeader(head, query, authorization, now);
                return unsignedBody(head, query, principal(credential));
            }
            throw AuthErrors.unsupportedAuthorizationType(authorization);
        }
        if (v4Query) {
            SigV4Verifier.Signed signed = sigV4.verifyPresigned(head, query, now);
            String payloadHash = query.value(AuthNames.X_AMZ_CONTENT_SHA256_PARAM);
            boolean hashed = payloadHash != null && Hex.isHex(payloadHash, 32);
            return new VerifiedRequest(principal(signed.credential()),
                    hashed ? PayloadMode.SIGNED_SHA256 : PayloadMode.UNSIGNED, null, hashed ? payloadHash : null,
                    headerChecksum(head, query), null);
        }
        if (v2Query) {
            return unsignedBody(head, query, principal(sigV2.verifyPresigned(head, query, now)));
        }
        return unsignedBody(head, query, Principal.ANONYMOUS);
    }

    private VerifiedRequest sigV4Header(RequestHead head, QueryString query, String authorization, Instant now) {
        String contentSha256 = head.header(AuthNames.X_AMZ_CONTENT_SHA256);
        if (contentSha256 == null) {
            // Parse first so that a malformed header is reported as such.
            SigV4Authorization.parse(authorization);
            throw AuthErrors.invalidRequest("Missing required header for this request: x-amz-content-sha256");
        }
        ContentSha256 payload = ContentSha256.parse(contentSha256);
        SigV4Verifier.Signed signed = sigV4.verifyHeader(head, query, authorization, payload, now);
        PayloadMode mode = payload.mode();
        return new VerifiedRequest(principal(signed.credential()), mode,
                ContentSha256.isStreaming(mode) ? signed.chunkSigner() : null,
                mode == PayloadMode.SIGNED_SHA256 ? payload.value() : null,
                headerChecksum(head, query), trailerChecksum(head, mode));
    }

    /**
     * SigV2 and anonymous requests: the body is not covered by a signature, but an aws-chunked body is still
     * decoded (its chunk signatures cannot be checked: there is no SigV4 seed) and checksums are still verified.
     */
    private static VerifiedRequest unsignedBody(RequestHead head, QueryString query, Principal principal) {
        ContentSha256 declared = ContentSha256.parseOrNull(head.header(AuthNames.X_AMZ_CONTENT_SHA256));
        PayloadMode mode = declared != null && ContentSha256.isStreaming(declared.mode()) ? declared.mode()
                : PayloadMode.UNSIGNED;
        return new VerifiedRequest(principal, mode, null, null, headerChecksum(head, query),
                trailerChecksum(head, mode));
    }

    private static Principal principal(Credential credential) {
        return new Principal(credential.userId(), credential.displayName(), credential.accessKeyId(),
                credential.system());
    }

    /**
     * The one {@code x-amz-checksum-<alg>} header, validated; more than one is InvalidRequest on any request.
     * CompleteMultipartUpload's is not read here: there the header is the checksum of the whole object, not of the
     * request body.
     */
    private static ExpectedChecksum headerChecksum(RequestHead head, QueryString query) {
        ChecksumAlgorithm named = null;
        for (ChecksumAlgorithm algorithm : ChecksumAlgorithm.values()) {
            if (head.header(algorithm.headerName()) == null) {
                continue;
            }
            if (named != null) {
                throw AuthErrors.invalidRequest(
                        "Expecting a single x-amz-checksum- header. Multiple checksum Types are not allowed.");
            }
            named = algorithm;
        }
        if (named == null || ("POST".equals(head.method()) && query.has("uploadId"))) {
            return null;
        }
        return ExpectedChecksum.parse(named, head.header(named.headerName()), "header");
    }

    /** The checksum announced in {@code x-amz-trailer} for the trailer modes; null when none is announced. */
    private static ChecksumAlgorithm trailerChecksum(RequestHead head, PayloadMode mode) {
        if (mode != PayloadMode.STREAMING_SIGNED_TRAILER && mode != PayloadMode.STREAMING_UNSIGNED_TRAILER) {
            return null;
        }
        String trailer = head.header(AuthNames.X_AMZ_TRAILER);
        if (trailer == null || trailer.isBlank()) {
            return null;
        }
        ChecksumAlgorithm algorithm = ChecksumAlgorithm.fromHeaderName(trailer.trim());
        if (algorithm == null) {
            throw AuthErrors.invalidRequest("The value specified in the x-amz-trailer header is not supported");
        }
        return algorithm;
    }
}
