package dev.stowage.ostor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stowage.ostor.json.JsonWriter;
import org.junit.jupiter.api.Test;

/** The hand-written JSON: ostor's layout, RFC 8259 escaping, and misuse caught. */
class JsonWriterTest {

    @Test
    void objectsAndArrays_arePrettyPrintedOneMemberPerLine() {
        String json = new JsonWriter().beginObject()
                .field("UserEmail", "client@example.com")
                .name("Flags").beginArray().endArray()
                .name("AWSAccessKeys").beginArray()
                .beginObject().field("AWSAccessKeyId", "k").field("n", 42).endObject()
                .endArray()
                .endObject().toString();

        assertThat(json).isEqualTo("""
                {
                    "UserEmail": "client@example.com",
                    "Flags": [],
                    "AWSAccessKeys": [
                        {
                            "AWSAccessKeyId": "k",
                            "n": 42
                        }
                    ]
                }
                """);
    }

    @Test
    void strings_escapeQuotesBackslashesAndControlCharacters() {
        String json = new JsonWriter().beginArray()
                .value("a\"b\\c/d")
                .value("line\nbreak\ttab\r\u0000\u001f\u007f")
                .value("ünï 日本 ☃ \uD83D\uDE00")
                .value("\u2028\u2029")
                .value("lone \uD800 surrogate")
                .value((String) null)
                .endArray().toString();

        assertThat(json).isEqualTo("""
                [
                    "a\\"b\\\\c/d",
                    "line\\nbreak\\ttab\\r\\u0000\\u001f\\u007f",
                    "ünï 日本 ☃ \uD83D\uDE00",
                    "\\u2028\\u2029",
                    "lone \\ud800 surrogate",
                    null
                ]
                """);
    }

    @Test
    void misuse_isAProgrammingError() {
        assertThatThrownBy(() -> new JsonWriter().beginObject().value("no name")).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> new JsonWriter().beginObject().endArray()).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> new JsonWriter().beginArray().toString()).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> new JsonWriter().beginArray().name("x")).isInstanceOf(IllegalStateException.class);
    }
}
