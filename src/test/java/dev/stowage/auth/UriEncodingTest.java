package dev.stowage.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;

class UriEncodingTest {

    @Test
    void decodeToBytes_ofEncodedBytes_givesTheBytesBack() {
        Random random = new Random(3986);
        for (int i = 0; i < 2_000; i++) {
            byte[] bytes = new byte[random.nextInt(300)];
            random.nextBytes(bytes);
            assertThat(UriEncoding.decodeToBytes(UriEncoding.encode(bytes, false))).isEqualTo(bytes);
            assertThat(UriEncoding.decodeToBytes(UriEncoding.encode(bytes, true))).isEqualTo(bytes);
        }
    }

    @Test
    void decodeToBytes_literalTextIsItsUtf8_mixedWithEscapes() {
        String text = "k\u00e9y/\u65e5\u672c/\ud83d\ude00 x+y";
        assertThat(UriEncoding.decodeToBytes(text)).isEqualTo(text.getBytes(StandardCharsets.UTF_8));
        assertThat(UriEncoding.decodeToBytes("\u00e9%2F\ud83d\ude00%41"))
                .isEqualTo("\u00e9/\ud83d\ude00A".getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void decodeToBytes_malformedEscapes_stayLiteral() {
        assertThat(UriEncoding.decodeToBytes("a%zzb%4")).isEqualTo("a%zzb%4".getBytes(StandardCharsets.UTF_8));
        assertThat(UriEncoding.decodeToBytes("%")).isEqualTo("%".getBytes(StandardCharsets.UTF_8));
        assertThat(UriEncoding.decode("AKID%2F20261123%2Fus-east-1%2Fs3%2Faws4_request"))
                .isEqualTo("AKID/20261123/us-east-1/s3/aws4_request");
    }
}
