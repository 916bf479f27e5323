package dev.stowage.store;

/**
 * A ListMultipartUploads request in store terms: uploads after ({@code keyMarker}, {@code uploadIdMarker}) in
 * (key, initiation) order, {@code delimiter} rolling keys up into common prefixes; markers and delimiter may be
 * null.
 */
public record UploadQuery(String prefix, String delimiter, String keyMarker, String uploadIdMarker, int maxUploads) {}
