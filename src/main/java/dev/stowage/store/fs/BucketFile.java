package dev.stowage.store.fs;

import dev.stowage.store.BucketInfo;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * {@code bucket.json}: a flat JSON object of the bucket's facts, written and read by hand so no reflection is
 * involved. Example: {@code {"name":"photos","ownerId":"alice","created":"2025-01-02T03:04:05Z",
 * "epoch":8472612,"location":"us-east-1"}}. The bucket's {@link BucketInfo#settings() settings} follow as more
 * string fields, by name ({@code "acl":"..."}); any field other than the five above is a setting.
 */
final class BucketFile {
    private static final Set<String> CORE_FIELDS = Set.of("name", "ownerId", "created", "epoch", "location");

    private BucketFile() {}

    static byte[] encode(BucketInfo b) {
        StringBuilder out = new StringBuilder(160).append('{');
        field(out, "name", b.name()).append(',');
        field(out, "ownerId", b.ownerId()).append(',');
        field(out, "created", b.created().toString()).append(',');
        quote(out, "epoch").append(':').append(b.epoch()).append(',');
        field(out, "location", b.location());
        for (Map.Entry<String, String> setting : new TreeMap<>(b.settings()).entrySet()) {
            if (CORE_FIELDS.contains(setting.getKey())) {
                throw new IllegalArgumentException("a bucket setting may not be named " + setting.getKey());
            }
            out.append(',');
            field(out, setting.getKey(), setting.getValue());
        }
        return out.append("}\n").toString().getBytes(StandardCharsets.UTF_8);
    }

    static BucketInfo decode(byte[] json) {
        Map<String, Object> m = new Parser(new String(json, StandardCharsets.UTF_8)).object();
        try {
            Map<String, String> settings = new TreeMap<>();
            for (Map.Entry<String, Object> e : m.entrySet()) {
                if (!CORE_FIELDS.contains(e.getKey()) && e.getValue() != null) {
                    settings.put(e.getKey(), (String) e.getValue());
                }
            }
            return new BucketInfo((String) m.get("name"), (String) m.get("ownerId"),
                    Instant.parse((String) m.get("created")), ((Number) m.get("epoch")).longValue(),
                    (String) m.get("location"), settings);
        } catch (ClassCastException | NullPointerException | DateTimeParseException e) {
            throw new IllegalArgumentException("bad bucket.json: " + e.getMessage());
        }
    }

    private static StringBuilder field(StringBuilder out, String name, String value) {
        quote(out, name).append(':');
        return value == null ? out.append("null") : quote(out, value);
    }

    private static StringBuilder quote(StringBuilder out, String s) {
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '"' || c == '\\') {
                out.append('\\').append(c);
            } else if (c < 0x20 || Character.isSurrogate(c)) {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.append('"');
    }

    /** Just enough JSON: one object of string, integer and null values. */
    private static final class Parser {
        private final String s;
        private int i;

        Parser(String s) {
            this.s = s;
        }

        Map<String, Object> object() {
            Map<String, Object> m = new HashMap<>();
            expect('{');
            if (peek() == '}') {
                i++;
                return m;
            }
            do {
                String name = string();
                expect(':');
                m.put(name, value());
            } while (next() == ',');
            i--;
            expect('}');
            return m;
        }

        private Object value() {
            char c = peek();
            if (c == '"') {
                return string();
            }
            if (s.startsWith("null", i)) {
                i += 4;
                return null;
            }
            int start = i;
            if (c == '-') {
                i++;
            }
            while (i < s.length() && Character.isDigit(s.charAt(i))) {
                i++;
            }
            try {
                return Long.parseLong(s.substring(start, i));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("bad bucket.json: value at " + start);
            }
        }

        private String string() {
            expect('"');
            StringBuilder out = new StringBuilder();
            while (true) {
                char c = at(i++);
                if (c == '"') {
                    return out.toString();
                }
                if (c != '\\') {
                    out.append(c);
                    continue;
                }
                char e = at(i++);
                switch (e) {
                    case '"', '\\', '/' -> out.append(e);
                    case 'b' -> out.append('\b');
                    case 'f' -> out.append('\f');
                    case 'n' -> out.append('\n');
                    case 'r' -> out.append('\r');
                    case 't' -> out.append('\t');
                    case 'u' -> {
                        try {
                            out.append((char) Integer.parseInt(s.substring(i, i + 4), 16));
                        } catch (NumberFormatException | IndexOutOfBoundsException x) {
                            throw new IllegalArgumentException("bad bucket.json: escape at " + i);
                        }
                        i += 4;
                    }
                    default -> throw new IllegalArgumentException("bad bucket.json: escape at " + i);
                }
            }
        }

        private void expect(char c) {
            if (next() != c) {
                throw new IllegalArgumentException("bad bucket.json: expected " + c + " at " + (i - 1));
            }
        }

        private char next() {
            skipSpace();
            return at(i++);
        }

        private char peek() {
            skipSpace();
            return at(i);
        }

        private void skipSpace() {
            while (i < s.length() && Character.isWhitespace(s.charAt(i))) {
                i++;
            }
        }

        private char at(int k) {
            if (k >= s.length()) {
                throw new IllegalArgumentException("bad bucket.json: truncated");
            }
            return s.charAt(k);
        }
    }
}
