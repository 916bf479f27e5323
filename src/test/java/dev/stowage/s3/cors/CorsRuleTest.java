package dev.stowage.s3.cors;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** CORS rule matching: one wildcard in origins and headers, header names in any case, first matching rule wins. */
class CorsRuleTest {

    @Test
    void wildcardMatch_oneStarStandsForAnyText() {
        assertThat(CorsRule.wildcardMatch("https://*.example.com", "https://app.example.com", false)).isTrue();
        assertThat(CorsRule.wildcardMatch("https://*.example.com", "https://example.com", false)).isFalse();
        assertThat(CorsRule.wildcardMatch("*", "null", false)).isTrue();
        assertThat(CorsRule.wildcardMatch("x-amz-*", "X-Amz-Meta-Color", true)).isTrue();
        assertThat(CorsRule.wildcardMatch("https://a.example", "https://A.example", false)).isFalse();
    }

    @Test
    void match_takesTheFirstRuleAllowingOriginMethodAndHeaders() {
        CorsConfiguration config = CorsConfiguration.parse(("<CORSConfiguration>"
                + "<CORSRule><ID>one</ID><AllowedOrigin>https://a.example</AllowedOrigin><AllowedMethod>PUT</AllowedMethod>"
                + "<AllowedHeader>content-type</AllowedHeader></CORSRule>"
                + "<CORSRule><ID>two</ID><AllowedOrigin>*</AllowedOrigin><AllowedMethod>GET</AllowedMethod>"
                + "<AllowedMethod>PUT</AllowedMethod><AllowedHeader>*</AllowedHeader></CORSRule>"
                + "</CORSConfiguration>").getBytes(StandardCharsets.UTF_8));
        assertThat(config.match("https://a.example", "PUT", List.of("content-type")).id()).isEqualTo("one");
        assertThat(config.match("https://a.example", "PUT", List.of("x-other")).id()).isEqualTo("two");
        assertThat(config.match("https://b.example", "GET", List.of()).id()).isEqualTo("two");
        assertThat(config.match("https://b.example", "DELETE", List.of())).isNull();
        assertThat(CorsConfiguration.decode(config.encode())).isEqualTo(config);
    }
}
