package dev.stowage.ostor.json;

import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;

/**
 * Writes JSON by hand, pretty-printed as the ostor services print it (one member per line, four spaces per
 * level), with strings escaped per RFC 8259. No reflection, so the native image needs no configuration. Misuse
 * (a value where a name is due, unbalanced ends) is a programming error and throws {@link IllegalStateException}.
 */
public final class JsonWriter {
    private static final String INDENT = "    ";

    private enum Scope { OBJECT, ARRAY }

    private final StringBuilder out = new StringBuilder(256);
    private final ArrayDeque<Scope> scopes = new ArrayDeque<>();
    /** Whether the innermost container has a member already (so the next one needs a comma). */
    private final ArrayDeque<Boolean> nonEmpty = new ArrayDeque<>();
    private boolean nameWritten;
    private boolean done;

    public JsonWriter beginObject() {
        beforeValue();
        out.append('{');
        push(Scope.OBJECT);
        return this;
    }

    public JsonWriter endObject() {
        return end(Scope.OBJECT, '}');
    }

    public JsonWriter beginArray() {
        beforeValue();
        out.append('[');
        push(Scope.ARRAY);
        return this;
    }

    public JsonWriter endArray() {
        return end(Scope.ARRAY, ']');
    }

    /** The name of the next member of the current object. */
    public JsonWriter name(String name) {
        if (scopes.peek() != Scope.OBJECT || nameWritten) {
            throw new IllegalStateException("a name belongs inside an object, before its value");
        }
        separate();
        string(name);
        out.append(": ");
        nameWritten = true;
        return this;
    }

    /** A string value; null writes {@code null}. */
    public JsonWriter value(String value) {
        beforeValue();
        if (value == null) {
            out.append("null");
        } else {
            string(value);
        }
        return this;
    }

    public JsonWriter value(long value) {
        beforeValue();
        out.append(value);
        return this;
    }

    public JsonWriter value(boolean value) {
        beforeValue();
        out.append(value);
        return this;
    }

    /** Shorthand for {@code name(name).value(value)}. */
    public JsonWriter field(String name, String value) {
        return name(name).value(value);
    }

    public JsonWriter field(String name, long value) {
        return name(name).value(value);
    }

    /** The document, UTF-8, ending with a newline. */
    public byte[] toBytes() {
        return toString().getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
        if (!scopes.isEmpty() || !done) {
            throw new IllegalStateException("the JSON document is not complete");
        }
        return out + "\n";
    }

    /** Writes {@code s} as a JSON string literal: quotes, backslashes and control characters escaped. */
    static void appendString(StringBuilder out, String s) {
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                default -> {
                    // Control characters must be escaped; U+2028/U+2029 and lone surrogates are escaped too, so
                    // the output is valid UTF-8 and safe to embed in JavaScript.
                    if (c < 0x20 || c == 0x7F || c == '\u2028' || c == '\u2029' || Character.isSurrogate(c)
                            && !validSurrogatePair(s, i)) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else if (Character.isHighSurrogate(c)) {
                        out.append(c).append(s.charAt(++i));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }

    private static boolean validSurrogatePair(String s, int i) {
        char c = s.charAt(i);
        return Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1));
    }

    private void string(String s) {
        appendString(out, s);
    }

    private void push(Scope scope) {
        scopes.push(scope);
        nonEmpty.push(false);
    }

    private JsonWriter end(Scope scope, char close) {
        if (scopes.peek() != scope || nameWritten) {
            throw new IllegalStateException("unbalanced end of " + scope);
        }
        scopes.pop();
        boolean hadMembers = nonEmpty.pop();
        if (hadMembers) {
            newline();
        }
        out.append(close);
        if (scopes.isEmpty()) {
            done = true;
        }
        return this;
    }

    private void beforeValue() {
        if (done) {
            throw new IllegalStateException("the JSON document is complete");
        }
        Scope scope = scopes.peek();
        if (scope == Scope.OBJECT) {
            if (!nameWritten) {
                throw new IllegalStateException("an object member needs a name first");
            }
            nameWritten = false;
        } else if (scope == Scope.ARRAY) {
            separate();
        }
    }

    /** Before a member or element: a comma after the previous one, then a new line at the current depth. */
    private void separate() {
        if (nonEmpty.peek()) {
            out.append(',');
        } else {
            nonEmpty.pop();
            nonEmpty.push(true);
        }
        newline();
    }

    private void newline() {
        out.append('\n');
        out.append(INDENT.repeat(scopes.size()));
    }
}
