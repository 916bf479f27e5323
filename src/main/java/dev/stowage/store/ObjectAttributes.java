package dev.stowage.store;

import java.util.Map;

/**
 * What a client sets on an object besides its bytes: the content headers S3 stores and returns, the
 * user metadata ({@code x-amz-meta-*}, names lower-cased without the prefix, in the order given), and the
 * gateway's own per-object facts in {@code system}: a small name → value bag the store keeps opaque (like
 * versitygw's metadata xattrs), so features add facts without changing the store. Names in use:
 * {@value #ETAG} (an ETag other than the MD5 of the bytes, e.g. a multipart "md5-N"); features document theirs
 * next to the code that reads them.
 */
public record ObjectAttributes(
        String contentType,
        String contentEncoding,
        String contentDisposition,
        String contentLanguage,
        String cacheControl,
        String expires,
        Map<String, String> userMetadata,
        Map<String, String> system) {

    /** System fact: the object's ETag when it is not the MD5 of its bytes (no quotes). */
    public static final String ETAG = "etag";

    public static final ObjectAttributes NONE = new ObjectAttributes(null, null, null, null, null, null, Map.of());

    public ObjectAttributes {
        userMetadata = userMetadata == null ? Map.of() : userMetadata;
        system = system == null ? Map.of() : system;
    }

    /** Attributes without system facts. */
    public ObjectAttributes(String contentType, String contentEncoding, String contentDisposition,
            String contentLanguage, String cacheControl, String expires, Map<String, String> userMetadata) {
        this(contentType, contentEncoding, contentDisposition, contentLanguage, cacheControl, expires, userMetadata,
                Map.of());
    }

    /** These attributes with {@code system} replaced. */
    public ObjectAttributes withSystem(Map<String, String> newSystem) {
        return new ObjectAttributes(contentType, contentEncoding, contentDisposition, contentLanguage, cacheControl,
                expires, userMetadata, newSystem);
    }
}
