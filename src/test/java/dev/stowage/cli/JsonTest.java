package dev.stowage.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonTest {
    @Test
    void parse_readsTheSeedsQueryUserAnswer() {
        Object json = Json.parse("""
                {
                "UserEmail": "client@example.com",
                "UserId": "ca55631f9f3d59dc",
                "State": "enabled",
                "OwnerId": "0000000000000000",
                "Flags": [
                ],
                "AWSAccessKeys": [
                {
                "AWSAccessKeyId": "ca55631f9f3d59dcDF4M",
                "AWSSecretAccessKey": "QCbj17BzeepyvUAdJeFNFYW9fCzbq0uFal6e5pGm"
                }
                ]
                }
                """);
        UserInfo user = UserInfo.fromJson(json);
        assertThat(user.email()).isEqualTo("client@example.com");
        assertThat(user.flags()).isEmpty();
        assertThat(user.system()).isFalse();
        assertThat(user.keys()).containsExactly(
                new UserInfo.KeyPair("ca55631f9f3d59dcDF4M", "QCbj17BzeepyvUAdJeFNFYW9fCzbq0uFal6e5pGm"));
    }

    @Test
    void parse_keepsLargeNumbersExactAndDecodesEscapes() {
        Map<String, Object> o = Json.object(Json.parse(
                "{\"epoch\": 9007199254740993, \"s\": \"a\\u00e9\\n\\\"\\/\", \"t\": true, \"n\": null, \"x\": -1.5e3}"));
        assertThat(Json.text(o, "epoch")).isEqualTo("9007199254740993");
        assertThat(o.get("s")).isEqualTo("a\u00e9\n\"/");
        assertThat(o.get("t")).isEqualTo(Boolean.TRUE);
        assertThat(o).containsKey("n");
        assertThat(o.get("n")).isNull();
        assertThat(o.get("x")).isEqualTo(new BigDecimal("-1.5e3"));
        assertThat(Json.array(Json.parse("[]"))).isEqualTo(List.of());
    }

    @Test
    void parse_rejectsMalformedText() {
        for (String bad : new String[] {"", "{", "{\"a\" 1}", "[1,]", "{\"a\":1} x", "<Error/>", "\"\\x\""}) {
            assertThatThrownBy(() -> Json.parse(bad)).as(bad).isInstanceOf(IllegalArgumentException.class);
        }
    }
}
