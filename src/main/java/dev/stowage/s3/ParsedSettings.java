package dev.stowage.s3;

import dev.stowage.store.BucketInfo;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiFunction;

/**
 * A bucket setting kept as a document (a policy, lifecycle rules) parsed once per distinct document, not once per
 * request: the parsed form is remembered by the document's text (a few thousand distinct documents at most, then
 * forgotten all at once), so a changed setting is read afresh at once.
 */
public final class ParsedSettings<T> {
    private static final int CACHED_DOCUMENTS = 4096;

    private final String setting;
    private final BiFunction<String, String, T> parse;
    private final Map<String, T> parsed = new ConcurrentHashMap<>();

    /** {@code parse} turns a stored document and its bucket's name into the parsed form. */
    public ParsedSettings(String setting, BiFunction<String, String, T> parse) {
        this.setting = setting;
        this.parse = parse;
    }

    /** The bucket's parsed setting, or null when it has none. */
    public T of(BucketInfo bucket) {
        String stored = bucket.setting(setting);
        if (stored == null) {
            return null;
        }
        T value = parsed.get(stored);
        if (value == null) {
            value = parse.apply(stored, bucket.name());
            if (parsed.size() >= CACHED_DOCUMENTS) {
                parsed.clear();
            }
            parsed.put(stored, value);
        }
        return value;
    }
}
