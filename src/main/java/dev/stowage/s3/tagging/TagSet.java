package dev.stowage.s3.tagging;

import dev.stowage.s3.S3Headers;
import dev.stowage.s3.error.S3ErrorCode;
import dev.stowage.s3.error.S3Exception;
import dev.stowage.s3.xml.XmlElement;
import dev.stowage.s3.xml.XmlWriter;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An object's or bucket's tags, in the order given, validated by AWS's rules: keys of 1 to 128 and values of up to
 * 256 Unicode characters (letters, digits, spaces and {@code + - = . _ : / @}), keys unique and not prefixed
 * {@code aws:}, at most {@value #MAX_OBJECT_TAGS} per object and {@value #MAX_BUCKET_TAGS} per bucket.
 *
 * <p>Stored ({@link #encode}) as {@code x-amz-tagging} carries them: URL-encoded {@code key=value} pairs joined by
 * {@code &}.
 */
public record TagSet(Map<String, String> tags) {
    public static final int MAX_OBJECT_TAGS = 10;
    public static final int MAX_BUCKET_TAGS = 50;
    private static final int MAX_KEY = 128;
    private static final int MAX_VALUE = 256;

    public static final TagSet EMPTY = new TagSet(Map.of());

    public TagSet {
        tags = Collections.unmodifiableMap(new LinkedHashMap<>(tags));
    }

    /** What a tag set belongs to: the count limits differ. */
    public enum Target {
        OBJECT,
        BUCKET
    }

    public int size() {
        return tags.size();
    }

    public boolean isEmpty() {
        return tags.isEmpty();
    }

    /**
     * The tags of an {@code x-amz-tagging} header (null: none). InvalidArgument when it is not URL-encoded
     * {@code key=value} pairs with unique keys; the tag rules as for XML.
     */
    public static TagSet fromHeader(String header) {
        if (header == null || header.isEmpty()) {
            return EMPTY;
        }
        Map<String, String> tags = new LinkedHashMap<>();
        for (String pair : header.split("&", -1)) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String key;
            String value;
            try {
                key = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
                value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                throw badHeader(header);
            }
            if (tags.put(key, value) != null) {
                throw badHeader(header);
            }
        }
        TagSet set = new TagSet(tags);
        set.validate(Target.OBJECT);
        return set;
    }

    /** The tags of a {@code Tagging} document; MalformedXML when it has no TagSet or a Tag lacks Key or Value. */
    public static TagSet fromXml(byte[] body, Target target) {
        XmlElement tagging = XmlElement.parse(body, "Tagging", S3ErrorCode.MALFORMED_XML);
        XmlElement set = tagging.first("TagSet");
        if (set == null) {
            throw new S3Exception(S3ErrorCode.MALFORMED_XML);
        }
        return fromTags(set, target);
    }

    /** The {@code Tag} children of {@code set} (a TagSet, or CreateBucketConfiguration's Tags), checked. */
    public static TagSet fromTags(XmlElement set, Target target) {
        Map<String, String> tags = new LinkedHashMap<>();
        for (XmlElement tag : set.all("Tag")) {
            String key = tag.childText("Key");
            String value = tag.childText("Value");
            if (key == null || value == null) {
                throw new S3Exception(S3ErrorCode.MALFORMED_XML);
            }
            checkKey(key);
            if (tags.put(key, value) != null) {
                throw new S3Exception(S3ErrorCode.INVALID_TAG, "Cannot provide multiple Tags with the same key")
                        .element("TagKey", key);
            }
        }
        TagSet parsed = new TagSet(tags);
        parsed.validate(target);
        return parsed;
    }

    /** Checks every tag and the count; the error AWS gives for the first rule broken. */
    public void validate(Target target) {
        int max = target == Target.OBJECT ? MAX_OBJECT_TAGS : MAX_BUCKET_TAGS;
        if (tags.size() > max) {
            throw new S3Exception(S3ErrorCode.BAD_REQUEST, target == Target.OBJECT
                    ? "Object tags cannot be greater than 10"
                    : "Bucket tag count cannot be greater than 50");
        }
        for (Map.Entry<String, String> tag : tags.entrySet()) {
            checkKey(tag.getKey());
            if (!validText(tag.getValue(), 0, MAX_VALUE)) {
                throw new S3Exception(S3ErrorCode.INVALID_TAG, "The TagValue you have provided is invalid")
                        .element("TagValue", tag.getValue());
            }
        }
    }

    private static void checkKey(String key) {
        if (!validText(key, 1, MAX_KEY)) {
            throw new S3Exception(S3ErrorCode.INVALID_TAG, "The TagKey you have provided is invalid").element("TagKey", key);
        }
        if (key.startsWith("aws:")) {
            throw new S3Exception(S3ErrorCode.INVALID_TAG, "Your TagKey cannot be prefixed with aws:").element("TagKey", key);
        }
    }

    private static boolean validText(String text, int min, int max) {
        int length = text.codePointCount(0, text.length());
        if (length < min || length > max) {
            return false;
        }
        return text.codePoints().allMatch(c -> Character.isLetterOrDigit(c) || Character.isSpaceChar(c)
                || "+-=._:/@".indexOf(c) >= 0);
    }

    private static S3Exception badHeader(String header) {
        return new S3Exception(S3ErrorCode.INVALID_ARGUMENT, "The header 'x-amz-tagging' shall be encoded as UTF-8 then "
                + "URLEncoded URL query parameters without tag name duplicates.")
                .element("ArgumentName", S3Headers.X_AMZ_TAGGING)
                .element("ArgumentValue", header);
    }

    /** The stored form: as {@code x-amz-tagging} carries tags. */
    public String encode() {
        StringBuilder out = new StringBuilder();
        for (Map.Entry<String, String> tag : tags.entrySet()) {
            if (out.length() > 0) {
                out.append('&');
            }
            out.append(URLEncoder.encode(tag.getKey(), StandardCharsets.UTF_8)).append('=')
                    .append(URLEncoder.encode(tag.getValue(), StandardCharsets.UTF_8));
        }
        return out.toString();
    }

    /** The tags of a stored form (null: none). */
    public static TagSet decode(String stored) {
        if (stored == null || stored.isEmpty()) {
            return EMPTY;
        }
        Map<String, String> tags = new LinkedHashMap<>();
        for (String pair : stored.split("&")) {
            int eq = pair.indexOf('=');
            tags.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                    URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return new TagSet(tags);
    }

    /** The {@code Tagging} document of GetObjectTagging / GetBucketTagging. */
    public byte[] toXml() {
        XmlWriter xml = new XmlWriter().openRoot("Tagging").open("TagSet");
        for (Map.Entry<String, String> tag : tags.entrySet()) {
            xml.open("Tag").element("Key", tag.getKey()).element("Value", tag.getValue()).close("Tag");
        }
        return xml.close("TagSet").close("Tagging").toBytes();
    }
}
