package dev.stowage.s3.post;

import dev.stowage.s3.error.S3ErrorCode;
import dev.stowage.s3.error.S3Exception;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The policy document of a signed POST Object form (base64 JSON): when it expires and the conditions the form must
 * meet. Exact matches ({@code {"acl": "private"}}, {@code ["eq", "$key", "a"]}), prefixes ({@code ["starts-with",
 * "$key", "user/"]}, an empty prefix allowing any value) and the file's size ({@code ["content-length-range", min,
 * max]}). Field names are case-insensitive, as are the operation names. Every form field but the exempt ones must be
 * named by a condition. A malformed document is InvalidPolicyDocument; a form the policy refuses AccessDenied,
 * worded as AWS words it; a file outside the size range EntityTooSmall / EntityTooLarge.
 */
public final class PostPolicy {
    /** Form fields no condition needs to name. */
    private static final Set<String> EXEMPT = Set.of(PostFields.POLICY, PostFields.SIGNATURE,
            PostFields.X_AMZ_SIGNATURE, PostFields.FILE, PostFields.AWS_ACCESS_KEY_ID);

    /** One {@code eq} or {@code starts-with} condition on a field (lower-case, without {@code $}). */
    record Match(boolean prefix, String field, String value) {
        boolean accepts(String actual) {
            if (actual == null) {
                return false;
            }
            return prefix ? actual.startsWith(value) : actual.equals(value);
        }

        @Override
        public String toString() {
            return "[\"" + (prefix ? "starts-with" : "eq") + "\", \"$" + field + "\", \"" + value + "\"]";
        }
    }

    private final Instant expiration;
    private final List<Match> matches;
    private final long minLength;
    private final long maxLength;

    private PostPolicy(Instant expiration, List<Match> matches, long minLength, long maxLength) {
        this.expiration = expiration;
        this.matches = matches;
        this.minLength = minLength;
        this.maxLength = maxLength;
    }

    /** Decodes and parses the {@code policy} field. */
    public static PostPolicy parse(String base64) {
        JsonObject document;
        try {
            byte[] json = Base64.getMimeDecoder().decode(base64.trim());
            document = new JsonObject(new String(json, StandardCharsets.UTF_8));
        } catch (IllegalArgumentException | DecodeException | ClassCastException e) {
            throw invalid("Invalid Policy: Invalid JSON.");
        }
        Object expiration = document.getValue("expiration");
        if (expiration == null) {
            throw invalid("Invalid Policy: Policy missing expiration.");
        }
        Instant expires;
        try {
            expires = Instant.parse(expiration.toString());
        } catch (DateTimeParseException e) {
            throw invalid("Invalid Policy: Invalid 'expiration' value: '" + expiration + "'");
        }
        if (!(document.getValue("conditions") instanceof JsonArray conditions)) {
            throw invalid("Invalid Policy: Policy missing conditions.");
        }
        List<Match> matches = new ArrayList<>();
        long min = 0;
        long max = Long.MAX_VALUE;
        for (Object condition : conditions) {
            if (condition instanceof JsonObject simple) {
                if (simple.size() != 1) {
                    throw invalid("Invalid Policy: Invalid Simple-Condition: Simple-Conditions must have exactly one property specified.");
                }
                Map.Entry<String, Object> entry = simple.iterator().next();
                if (!(entry.getValue() instanceof String value)) {
                    throw invalid("Invalid Policy: Invalid Simple-Condition: value must be a string.");
                }
                matches.add(new Match(false, entry.getKey().toLowerCase(Locale.ROOT), value));
            } else if (condition instanceof JsonArray array && array.size() > 0
                    && array.getValue(0) instanceof String op) {
                switch (op.toLowerCase(Locale.ROOT)) {
                    case "eq", "starts-with" -> matches.add(match(op, array));
                    case "content-length-range" -> {
                        if (array.size() != 3) {
                            throw invalid("Invalid Policy: Invalid content-length-range: wrong number of arguments.");
                        }
                        min = length(array.getValue(1));
                        max = length(array.getValue(2));
                    }
                    default -> throw invalid("Invalid Policy: Invalid Condition: unknown operation '" + op + "'.");
                }
            } else {
                throw invalid("Invalid Policy: Invalid Condition: " + condition);
            }
        }
        return new PostPolicy(expires, List.copyOf(matches), min, max);
    }

    private static Match match(String op, JsonArray array) {
        if (array.size() != 3 || !(array.getValue(1) instanceof String field) || !field.startsWith("$")
                || !(array.getValue(2) instanceof String value)) {
            throw invalid("Invalid Policy: Invalid '" + op + "' condition: " + array.encode());
        }
        return new Match(op.equalsIgnoreCase("starts-with"), field.substring(1).toLowerCase(Locale.ROOT), value);
    }

    private static long length(Object value) {
        try {
            long n = value instanceof Number number && !(value instanceof Double || value instanceof Float)
                    ? number.longValue() : Long.parseLong(String.valueOf(value).trim());
            if (n >= 0) {
                return n;
            }
        } catch (NumberFormatException e) {
            // falls through
        }
        throw invalid("Invalid Policy: Invalid content-length-range: '" + value + "'.");
    }

    /**
     * Checks the form against the policy at {@code now}: not expired, every condition met, every field (by lower-case
     * name; {@code bucket} counts as one) named by a condition.
     */
    public void check(Map<String, String> fields, Instant now) {
        if (!now.isBefore(expiration)) {
            throw refused("Invalid according to Policy: Policy expired.");
        }
        Set<String> covered = new HashSet<>();
        for (Match m : matches) {
            if (!m.accepts(fields.get(m.field()))) {
                throw refused("Invalid according to Policy: Policy Condition failed: " + m);
            }
            covered.add(m.field());
        }
        for (String name : fields.keySet()) {
            if (!covered.contains(name) && !EXEMPT.contains(name) && !name.startsWith(PostFields.IGNORED_PREFIX)) {
                throw refused("Invalid according to Policy: Extra input fields: " + name);
            }
        }
    }

    /** The file's content, refused once it is longer than the policy allows or, at its end, shorter. */
    public InputStream limit(InputStream file) {
        return sizeLimited(file, minLength, maxLength);
    }

    /** {@code file} refused (EntityTooLarge) past {@code max} bytes and (EntityTooSmall) at its end under {@code min}. */
    public static InputStream sizeLimited(InputStream file, long min, long max) {
        return new InputStream() {
            private long count;

            @Override
            public int read() throws IOException {
                byte[] one = new byte[1];
                int n = read(one, 0, 1);
                return n < 0 ? -1 : one[0] & 0xff;
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                int n = file.read(b, off, len);
                if (n < 0) {
                    if (count < min) {
                        throw new S3Exception(S3ErrorCode.ENTITY_TOO_SMALL)
                                .element("ProposedSize", Long.toString(count))
                                .element("MinSizeAllowed", Long.toString(min));
                    }
                    return n;
                }
                count += n;
                if (count > max) {
                    throw new S3Exception(S3ErrorCode.ENTITY_TOO_LARGE)
                            .element("ProposedSize", Long.toString(count))
                            .element("MaxSizeAllowed", Long.toString(max));
                }
                return n;
            }
        };
    }

    private static S3Exception invalid(String message) {
        return new S3Exception(S3ErrorCode.INVALID_POLICY_DOCUMENT, message);
    }

    private static S3Exception refused(String message) {
        return new S3Exception(S3ErrorCode.ACCESS_DENIED, message);
    }
}
