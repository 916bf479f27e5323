package dev.stowage.s3.cors;

import dev.stowage.s3.error.S3ErrorCode;
import dev.stowage.s3.error.S3Exception;
import dev.stowage.s3.xml.XmlElement;
import dev.stowage.s3.xml.XmlWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A bucket's CORS rules (PutBucketCors, GetBucketCors), validated as AWS does, and the rule that answers a
 * request: the first whose origin, method and (for a preflight) request headers all match. Stored ({@link
 * #encode}) as the CORSConfiguration document GetBucketCors returns; parsed forms are cached by that text.
 */
public record CorsConfiguration(List<CorsRule> rules) {
    /** AWS's limit on rules per configuration. */
    public static final int MAX_RULES = 100;
    private static final int MAX_ID = 255;
    private static final Set<String> METHODS = Set.of("GET", "PUT", "HEAD", "POST", "DELETE");
    private static final int CACHE_SIZE = 1024;
    private static final Map<String, CorsConfiguration> PARSED = new ConcurrentHashMap<>();

    public CorsConfiguration {
        rules = List.copyOf(rules);
    }

    /** The configuration of a PutBucketCors body, or the S3 error AWS gives for it. */
    public static CorsConfiguration parse(byte[] body) {
        XmlElement root = XmlElement.parse(body, "CORSConfiguration", S3ErrorCode.MALFORMED_XML);
        List<XmlElement> ruleElements = root.all("CORSRule");
        if (ruleElements.isEmpty() || ruleElements.size() > MAX_RULES) {
            throw new S3Exception(S3ErrorCode.MALFORMED_XML);
        }
        List<CorsRule> rules = new ArrayList<>(ruleElements.size());
        for (XmlElement r : ruleElements) {
            rules.add(rule(r));
        }
        return new CorsConfiguration(rules);
    }

    /** Whether a header name is an HTTP token (RFC 9110: letters, digits and {@code !#$%&'*+-.^_`|~}). */
    private static boolean isToken(String name) {
        if (name.isEmpty()) {
            return false;
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            boolean ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || "!#$%&'*+-.^_`|~".indexOf(c) >= 0;
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    private static CorsRule rule(XmlElement r) {
        String id = r.childText("ID");
        if (id != null && id.length() > MAX_ID) {
            throw new S3Exception(S3ErrorCode.INVALID_ARGUMENT, "The ID of a CORSRule must be at most 255 characters.")
                    .element("ArgumentName", "ID")
                    .element("ArgumentValue", id);
        }
        List<String> methods = texts(r, "AllowedMethod");
        List<String> origins = texts(r, "AllowedOrigin");
        List<String> headers = texts(r, "AllowedHeader");
        List<String> expose = texts(r, "ExposeHeader");
        if (methods.isEmpty() || origins.isEmpty()) {
            throw new S3Exception(S3ErrorCode.MALFORMED_XML);
        }
        for (String method : methods) {
            if (!METHODS.contains(method)) {
                throw new S3Exception(S3ErrorCode.INVALID_REQUEST,
                        "Found unsupported HTTP method in CORS config. Unsupported method is " + method);
            }
        }
        for (String origin : origins) {
            if (origin.indexOf('*') != origin.lastIndexOf('*')) {
                throw new S3Exception(S3ErrorCode.INVALID_REQUEST,
                        "AllowedOrigin \"" + origin + "\" can not have more than one wildcard.");
            }
        }
        for (String header : headers) {
            if (header.indexOf('*') != header.lastIndexOf('*')) {
                throw new S3Exception(S3ErrorCode.INVALID_REQUEST,
                        "AllowedHeader \"" + header + "\" can not have more than one wildcard.");
            }
            if (!isToken(header)) {
                throw new S3Exception(S3ErrorCode.INVALID_REQUEST,
                        "AllowedHeader \"" + header + "\" contains invalid character.");
            }
        }
        for (String header : expose) {
            if (header.indexOf('*') >= 0) {
                throw new S3Exception(S3ErrorCode.INVALID_REQUEST, "ExposeHeader \"" + header
                        + "\" contains wildcard. We currently do not support wildcard for ExposeHeader.");
            }
        }
        Integer maxAge = null;
        String maxAgeText = r.childText("MaxAgeSeconds");
        if (maxAgeText != null) {
            try {
                maxAge = Integer.valueOf(maxAgeText.trim());
            } catch (NumberFormatException e) {
                throw new S3Exception(S3ErrorCode.MALFORMED_XML);
            }
        }
        return new CorsRule(id == null ? null : id.trim(), headers, methods, origins, expose, maxAge);
    }

    private static List<String> texts(XmlElement parent, String name) {
        List<String> values = new ArrayList<>();
        for (XmlElement e : parent.all(name)) {
            values.add(e.text().trim());
        }
        return values;
    }

    /** The first rule allowing {@code origin} to send {@code method} with {@code requestHeaders}, or null. */
    public CorsRule match(String origin, String method, List<String> requestHeaders) {
        for (CorsRule rule : rules) {
            if (rule.matchingOrigin(origin) != null && rule.allowsMethod(method) && rule.allowsHeaders(requestHeaders)) {
                return rule;
            }
        }
        return null;
    }

    /** The CORSConfiguration document: what is stored and what GetBucketCors returns. */
    public String encode() {
        XmlWriter xml = new XmlWriter().openRoot("CORSConfiguration");
        for (CorsRule rule : rules) {
            xml.open("CORSRule");
            xml.optional("ID", rule.id());
            rule.allowedHeaders().forEach(h -> xml.element("AllowedHeader", h));
            rule.allowedMethods().forEach(m -> xml.element("AllowedMethod", m));
            rule.allowedOrigins().forEach(o -> xml.element("AllowedOrigin", o));
            rule.exposeHeaders().forEach(h -> xml.element("ExposeHeader", h));
            if (rule.maxAgeSeconds() != null) {
                xml.element("MaxAgeSeconds", rule.maxAgeSeconds());
            }
            xml.close("CORSRule");
        }
        return xml.close("CORSConfiguration").toString();
    }

    /** The configuration of a stored form (what {@link #encode} wrote), parsed once per distinct text. */
    public static CorsConfiguration decode(String stored) {
        CorsConfiguration cached = PARSED.get(stored);
        if (cached != null) {
            return cached;
        }
        CorsConfiguration parsed = parse(stored.getBytes(StandardCharsets.UTF_8));
        if (PARSED.size() >= CACHE_SIZE) {
            PARSED.clear();
        }
        PARSED.put(stored, parsed);
        return parsed;
    }
}
