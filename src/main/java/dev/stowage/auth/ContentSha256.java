package dev.stowage.auth;

/**
 * The parsed value of {@code x-amz-content-sha256}: the payload mode it declares and, for
 * {@link PayloadMode#SIGNED_SHA256}, the hex digest of the whole body.
 */
record ContentSha256(PayloadMode mode, String value) {

    /** @throws dev.stowage.s3.error.S3Exception InvalidArgument when the value is none of the known forms */
    static ContentSha256 parse(String value) {
        ContentSha256 parsed = parseOrNull(value);
        if (parsed == null) {
            throw AuthErrors.invalidArgument("x-amz-content-sha256 must be UNSIGNED-PAYLOAD, "
                    + "STREAMING-UNSIGNED-PAYLOAD-TRAILER, STREAMING-AWS4-HMAC-SHA256-PAYLOAD, "
                    + "STREAMING-AWS4-HMAC-SHA256-PAYLOAD-TRAILER or a valid sha256 value.",
                    AuthNames.X_AMZ_CONTENT_SHA256, value);
        }
        return parsed;
    }

    static ContentSha256 parseOrNull(String value) {
        if (value == null) {
            return null;
        }
        PayloadMode mode = switch (value) {
            case AuthNames.UNSIGNED_PAYLOAD -> PayloadMode.UNSIGNED_PAYLOAD;
            case AuthNames.STREAMING_SIGNED -> PayloadMode.STREAMING_SIGNED;
            case AuthNames.STREAMING_SIGNED_TRAILER -> PayloadMode.STREAMING_SIGNED_TRAILER;
            case AuthNames.STREAMING_UNSIGNED_TRAILER -> PayloadMode.STREAMING_UNSIGNED_TRAILER;
            default -> Hex.isHex(value, 32) ? PayloadMode.SIGNED_SHA256 : null;
        };
        return mode == null ? null : new ContentSha256(mode, value);
    }

    static boolean isStreaming(PayloadMode mode) {
        return mode == PayloadMode.STREAMING_SIGNED || mode == PayloadMode.STREAMING_SIGNED_TRAILER
                || mode == PayloadMode.STREAMING_UNSIGNED_TRAILER;
    }
}
