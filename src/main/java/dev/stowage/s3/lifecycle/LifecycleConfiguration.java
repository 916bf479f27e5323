package dev.stowage.s3.lifecycle;

import dev.stowage.s3.HttpDates;
import dev.stowage.s3.ParsedSettings;
import dev.stowage.s3.access.ObjectAccess;
import dev.stowage.s3.error.S3ErrorCode;
import dev.stowage.s3.error.S3Exception;
import dev.stowage.s3.xml.XmlElement;
import dev.stowage.s3.xml.XmlWriter;
import dev.stowage.store.BucketInfo;
import dev.stowage.store.ObjectInfo;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * A bucket's lifecycle configuration (PutBucketLifecycleConfiguration), validated as S3 validates it and kept, in
 * its rendered form, as the bucket setting {@value #SETTING}. {@link LifecycleWorker} carries its rules out.
 * Transitions between storage classes are refused (501 NotImplemented): Stowage has one storage tier, and a
 * rule it would silently not follow is worse than none.
 */
public record LifecycleConfiguration(List<LifecycleRule> rules) {
    public static final String SETTING = "lifecycle";
    private static final String ROOT = "LifecycleConfiguration";
    private static final int MAX_RULES = 1000;
    private static final int MAX_ID = 255;
    private static final ParsedSettings<LifecycleConfiguration> PARSED = new ParsedSettings<>(SETTING,
            (stored, bucket) -> parse(stored.getBytes(StandardCharsets.UTF_8)));

    public LifecycleConfiguration {
        rules = List.copyOf(rules);
    }

    /** The bucket's configuration, or null when it has none. */
    public static LifecycleConfiguration of(BucketInfo bucket) {
        return PARSED.of(bucket);
    }

    /**
     * The {@code x-amz-expiration} header AWS puts on PUT, GET and HEAD answers for an object an enabled rule will
     * expire ({@code expiry-date="Fri, 23 Dec 2012 00:00:00 GMT", rule-id="..."}, the earliest rule's), or null.
     */
    public static String expirationHeader(BucketInfo bucket, ObjectInfo object) {
        LifecycleConfiguration configuration = of(bucket);
        if (configuration == null) {
            return null;
        }
        LifecycleRule first = null;
        Instant earliest = null;
        for (LifecycleRule rule : configuration.rules) {
            if (!rule.enabled() || !rule.expiresObjects()
                    || !rule.selects(object.key(), object.size(), ObjectAccess.tags(object))) {
                continue;
            }
            Instant expiry = rule.expiryOf(object.lastModified());
            if (earliest == null || expiry.isBefore(earliest)) {
                earliest = expiry;
                first = rule;
            }
        }
        return first == null ? null
                : "expiry-date=\"" + HttpDates.format(earliest) + "\", rule-id=\"" + first.id() + "\"";
    }

    /** The configuration of a PutBucketLifecycleConfiguration body; the S3 error AWS gives when it is not one. */
    public static LifecycleConfiguration parse(byte[] body) {
        XmlElement root = XmlElement.parse(body, ROOT, S3ErrorCode.MALFORMED_XML);
        List<XmlElement> ruleElements = root.all("Rule");
        if (ruleElements.isEmpty() || ruleElements.size() > MAX_RULES) {
            throw malformed();
        }
        List<LifecycleRule> rules = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        for (XmlElement r : ruleElements) {
            LifecycleRule rule = rule(r);
            if (!ids.add(rule.id())) {
                throw new S3Exception(S3ErrorCode.INVALID_ARGUMENT,
                        "Rule ID must be unique. Found same ID for more than one rule");
            }
            rules.add(rule);
        }
        return new LifecycleConfiguration(rules);
    }

    private static LifecycleRule rule(XmlElement r) {
        String id = r.childText("ID");
        if (id == null || id.isEmpty()) {
            id = UUID.randomUUID().toString().replace("-", "");
        }
        if (id.length() > MAX_ID) {
            throw new S3Exception(S3ErrorCode.INVALID_ARGUMENT, "ID length should not exceed allowed limit of 255");
        }
        String status = r.childText("Status");
        if (!"Enabled".equals(status) && !"Disabled".equals(status)) {
            throw malformed();
        }
        if (r.first("Transition") != null || r.first("NoncurrentVersionTransition") != null) {
            throw new S3Exception(S3ErrorCode.NOT_IMPLEMENTED, "Lifecycle transitions are not implemented: this "
                    + "gateway keeps every object in one storage tier.");
        }
        XmlElement legacy = r.first("Prefix");
        XmlElement filter = r.first("Filter");
        if (legacy != null && filter != null) {
            throw malformed();
        }
        Filter f = legacy != null ? new Filter(legacy.text(), Map.of(), -1, -1) : filter(filter);

        int days = 0;
        Instant date = null;
        Boolean deleteMarker = null;
        XmlElement expiration = r.first("Expiration");
        if (expiration != null) {
            String d = expiration.childText("Days");
            String at = expiration.childText("Date");
            String marker = expiration.childText("ExpiredObjectDeleteMarker");
            if ((d != null ? 1 : 0) + (at != null ? 1 : 0) + (marker != null ? 1 : 0) != 1) {
                throw malformed();
            }
            if (d != null) {
                days = positive(d, "'Days' for Expiration action must be a positive integer");
            } else if (at != null) {
                date = midnight(at);
            } else {
                deleteMarker = bool(marker);
                if (!f.tags().isEmpty()) {
                    throw new S3Exception(S3ErrorCode.INVALID_REQUEST, "ExpiredObjectDeleteMarker cannot be specified with Tags.");
                }
            }
        }
        int abortDays = 0;
        XmlElement abort = r.first("AbortIncompleteMultipartUpload");
        if (abort != null) {
            abortDays = positive(abort.childText("DaysAfterInitiation"),
                    "'DaysAfterInitiation' for AbortIncompleteMultipartUpload action must be a positive integer");
            if (!f.tags().isEmpty()) {
                throw new S3Exception(S3ErrorCode.INVALID_REQUEST,
                        "AbortIncompleteMultipartUpload cannot be specified with Tags.");
            }
        }
        int noncurrentDays = 0;
        int newer = -1;
        XmlElement noncurrent = r.first("NoncurrentVersionExpiration");
        if (noncurrent != null) {
            noncurrentDays = positive(noncurrent.childText("NoncurrentDays"),
                    "'NoncurrentDays' for NoncurrentVersionExpiration action must be a positive integer");
            String n = noncurrent.childText("NewerNoncurrentVersions");
            if (n != null) {
                newer = positive(n, "'NewerNoncurrentVersions' for NoncurrentVersionExpiration action must be a "
                        + "positive integer");
            }
        }
        if (expiration == null && abort == null && noncurrent == null) {
            throw new S3Exception(S3ErrorCode.INVALID_REQUEST, "At least one action needs to be specified in a rule");
        }
        return new LifecycleRule(id, status.equals("Enabled"), f.prefix(), legacy != null, f.tags(), f.greaterThan(),
                f.lessThan(), filter != null, days, date, deleteMarker, abortDays, noncurrentDays, newer);
    }

    private record Filter(String prefix, Map<String, String> tags, long greaterThan, long lessThan) {}

    /** A rule's {@code Filter}: one of Prefix, Tag, ObjectSizeGreaterThan, ObjectSizeLessThan, or And of several. */
    private static Filter filter(XmlElement filter) {
        if (filter == null) {
            return new Filter("", Map.of(), -1, -1);
        }
        if (filter.children().size() > 1) {
            throw malformed();
        }
        XmlElement and = filter.first("And");
        XmlElement conditions = and != null ? and : filter;
        String prefix = conditions.childText("Prefix");
        Map<String, String> tags = new LinkedHashMap<>();
        for (XmlElement tag : conditions.all("Tag")) {
            String key = tag.childText("Key");
            String value = tag.childText("Value");
            if (key == null || value == null) {
                throw malformed();
            }
            if (tags.put(key, value) != null) {
                throw new S3Exception(S3ErrorCode.INVALID_ARGUMENT, "Duplicate Tag Keys are not allowed.");
            }
        }
        long greater = size(conditions.childText("ObjectSizeGreaterThan"));
        long less = size(conditions.childText("ObjectSizeLessThan"));
        if (greater >= 0 && less >= 0 && less <= greater) {
            throw new S3Exception(S3ErrorCode.INVALID_ARGUMENT,
                    "ObjectSizeLessThan must be greater than ObjectSizeGreaterThan");
        }
        return new Filter(prefix == null ? "" : prefix, tags, greater, less);
    }

    private static long size(String text) {
        if (text == null) {
            return -1;
        }
        try {
            long v = Long.parseLong(text.trim());
            if (v < 0) {
                throw new S3Exception(S3ErrorCode.INVALID_ARGUMENT, "Object size filters must not be negative");
            }
            return v;
        } catch (NumberFormatException e) {
            throw malformed();
        }
    }

    private static int positive(String text, String message) {
        if (text == null) {
            throw malformed();
        }
        int v;
        try {
            v = Integer.parseInt(text.trim());
        } catch (NumberFormatException e) {
            throw malformed();
        }
        if (v <= 0) {
            throw new S3Exception(S3ErrorCode.INVALID_ARGUMENT, message);
        }
        return v;
    }

    private static Instant midnight(String text) {
        Instant at;
        try {
            at = OffsetDateTime.parse(text.trim()).toInstant();
        } catch (DateTimeParseException e) {
            throw new S3Exception(S3ErrorCode.INVALID_ARGUMENT, "Invalid date format: " + text);
        }
        if (at.atOffset(ZoneOffset.UTC).toLocalTime().toSecondOfDay() != 0 || at.getNano() != 0) {
            throw new S3Exception(S3ErrorCode.INVALID_ARGUMENT, "'Date' must be at midnight GMT");
        }
        return at;
    }

    private static boolean bool(String text) {
        return switch (text.trim()) {
            case "true" -> true;
            case "false" -> false;
            default -> throw malformed();
        };
    }

    private static S3Exception malformed() {
        return new S3Exception(S3ErrorCode.MALFORMED_XML);
    }

    /** The configuration as GetBucketLifecycleConfiguration shows it (and as it is stored). */
    public byte[] toXml() {
        XmlWriter xml = new XmlWriter().openRoot(ROOT);
        for (LifecycleRule r : rules) {
            xml.open("Rule").element("ID", r.id());
            if (r.legacyPrefix()) {
                xml.element("Prefix", r.prefix());
            } else if (r.filterGiven()) {
                filterXml(xml, r);
            }
            xml.element("Status", r.enabled() ? "Enabled" : "Disabled");
            if (r.expirationDays() > 0 || r.expirationDate() != null || r.expiredObjectDeleteMarker() != null) {
                xml.open("Expiration");
                if (r.expirationDays() > 0) {
                    xml.element("Days", r.expirationDays());
                } else if (r.expirationDate() != null) {
                    xml.element("Date", XmlWriter.iso(r.expirationDate()));
                } else {
                    xml.element("ExpiredObjectDeleteMarker", r.expiredObjectDeleteMarker());
                }
                xml.close("Expiration");
            }
            if (r.noncurrentDays() > 0) {
                xml.open("NoncurrentVersionExpiration").element("NoncurrentDays", r.noncurrentDays());
                if (r.newerNoncurrentVersions() > 0) {
                    xml.element("NewerNoncurrentVersions", r.newerNoncurrentVersions());
                }
                xml.close("NoncurrentVersionExpiration");
            }
            if (r.abortAfterDays() > 0) {
                xml.open("AbortIncompleteMultipartUpload").element("DaysAfterInitiation", r.abortAfterDays())
                        .close("AbortIncompleteMultipartUpload");
            }
            xml.close("Rule");
        }
        return xml.close(ROOT).toBytes();
    }

    private static void filterXml(XmlWriter xml, LifecycleRule r) {
        int conditions = (r.prefix().isEmpty() ? 0 : 1) + r.tags().size() + (r.sizeGreaterThan() >= 0 ? 1 : 0)
                + (r.sizeLessThan() >= 0 ? 1 : 0);
        xml.open("Filter");
        if (conditions > 1) {
            xml.open("And");
        }
        if (!r.prefix().isEmpty() || conditions == 0) {
            xml.element("Prefix", r.prefix());
        }
        r.tags().forEach((k, v) -> xml.open("Tag").element("Key", k).element("Value", v).close("Tag"));
        if (r.sizeGreaterThan() >= 0) {
            xml.element("ObjectSizeGreaterThan", r.sizeGreaterThan());
        }
        if (r.sizeLessThan() >= 0) {
            xml.element("ObjectSizeLessThan", r.sizeLessThan());
        }
        if (conditions > 1) {
            xml.close("And");
        }
        xml.close("Filter");
    }

    /** The stored form: the rendered XML (rule ids assigned, so they stay the same). */
    public String encode() {
        return new String(toXml(), StandardCharsets.UTF_8);
    }
}
