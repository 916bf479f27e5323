package dev.stowage.auth;

/** How the request body is protected, as the client declared in x-amz-content-sha256 (or by the scheme). */
public enum PayloadMode {
    /** SigV2, anonymous, or SigV4 presigned: the body is not covered by the signature. */
    UNSIGNED,
    /** SigV4 {@code UNSIGNED-PAYLOAD}. */
    UNSIGNED_PAYLOAD,
    /** SigV4 with the hex SHA-256 of the whole body; checked when the body has been read. */
    SIGNED_SHA256,
    /** {@code STREAMING-AWS4-HMAC-SHA256-PAYLOAD}: aws-chunked, every chunk signed. */
    STREAMING_SIGNED,
    /** {@code STREAMING-AWS4-HMAC-SHA256-PAYLOAD-TRAILER}: signed chunks and a signed trailer. */
    STREAMING_SIGNED_TRAILER,
    /** {@code STREAMING-UNSIGNED-PAYLOAD-TRAILER}: aws-chunked, unsigned chunks, checksum trailer. */
    STREAMING_UNSIGNED_TRAILER
}
