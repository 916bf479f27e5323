package dev.stowage.store;

import java.util.Map;

/**
 * What a client sets on an object besides its bytes: the content headers S3 stores and returns, and the
 * user metadata ({@code x-amz-meta-*}, names lower-cased without the prefix, in the order given).
 */
public record ObjectAttributes(
        String contentType,
        String contentEncoding,
        String contentDisposition,
        String contentLanguage,
        String cacheControl,
        String expires,
        Map<String, String> userMetadata) {

    public static final ObjectAttributes NONE = new ObjectAttributes(null, null, null, null, null, null, Map.of());
}
