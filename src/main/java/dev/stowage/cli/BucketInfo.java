package dev.stowage.cli;

import java.util.Map;

/** A bucket as {@code GET /?ostor-buckets} lists it; epoch is new for every creation of that name. */
record BucketInfo(String name, String ownerId, String creationDate, String epoch) {

    /** Reads {@code {"name","epoch","creation_date","owner_id"}}. */
    static BucketInfo fromJson(Object json) {
        Map<String, Object> o = Json.object(json);
        String name = Json.text(o, "name");
        if (name == null) {
            throw new IllegalArgumentException("a bucket without a name");
        }
        return new BucketInfo(name, Json.text(o, "owner_id"), Json.text(o, "creation_date"), Json.text(o, "epoch"));
    }
}
