package dev.stowage.store;

import java.util.List;

/**
 * One page of in-progress uploads in key order (uploads of one key by initiation) with the common prefixes;
 * both count against max-uploads. The next markers are set when the page is truncated.
 */
public record UploadPage(List<MultipartUpload> uploads, List<String> commonPrefixes, boolean truncated,
        String nextKeyMarker, String nextUploadIdMarker) {}
