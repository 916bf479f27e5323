package dev.stowage.store.fs;

import dev.stowage.store.MultipartUpload;
import dev.stowage.store.UploadPage;
import dev.stowage.store.UploadQuery;
import java.util.ArrayList;
import java.util.List;

/**
 * One page of ListMultipartUploads over a bucket's uploads in listing order: skips to the markers, filters by
 * prefix, rolls keys up to common prefixes at the delimiter, and counts uploads and prefixes against the maximum.
 */
final class UploadListing {
    private UploadListing() {}

    static UploadPage page(List<MultipartUpload> sorted, UploadQuery q) {
        String prefix = q.prefix() == null ? "" : q.prefix();
        String delimiter = q.delimiter() == null || q.delimiter().isEmpty() ? null : q.delimiter();
        List<MultipartUpload> uploads = new ArrayList<>();
        List<String> prefixes = new ArrayList<>();
        int start = startIndex(sorted, q.keyMarker(), q.uploadIdMarker());
        String lastKey = null;
        String lastId = null;
        for (int i = start; i < sorted.size(); i++) {
            MultipartUpload u = sorted.get(i);
            if (!u.key().startsWith(prefix)) {
                continue;
            }
            String common = commonPrefix(u.key(), prefix, delimiter);
            if (common != null && common.equals(prefixes.isEmpty() ? null : prefixes.getLast())) {
                continue;
            }
            if (common != null && q.keyMarker() != null && q.keyMarker().startsWith(common)) {
                continue; // this prefix was on an earlier page
            }
            if (uploads.size() + prefixes.size() >= q.maxUploads()) {
                return new UploadPage(uploads, prefixes, true, lastKey, lastId);
            }
            if (common != null) {
                prefixes.add(common);
                lastKey = common;
                lastId = null;
            } else {
                uploads.add(u);
                lastKey = u.key();
                lastId = u.uploadId();
            }
        }
        return new UploadPage(uploads, prefixes, false, null, null);
    }

    private static String commonPrefix(String key, String prefix, String delimiter) {
        if (delimiter == null) {
            return null;
        }
        int at = key.indexOf(delimiter, prefix.length());
        return at < 0 ? null : key.substring(0, at + delimiter.length());
    }

    /** The first upload after the markers: a key marker alone skips its key; with an id, uploads after that one. */
    private static int startIndex(List<MultipartUpload> sorted, String keyMarker, String uploadIdMarker) {
        if (keyMarker == null) {
            return 0;
        }
        for (int i = 0; i < sorted.size(); i++) {
            MultipartUpload u = sorted.get(i);
            int c = UploadFiles.compareKeys(u.key(), keyMarker);
            if (c > 0) {
                return i;
            }
            if (c == 0 && uploadIdMarker != null && u.uploadId().equals(uploadIdMarker)) {
                return i + 1;
            }
        }
        return sorted.size();
    }
}
