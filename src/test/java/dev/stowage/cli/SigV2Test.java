package dev.stowage.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class SigV2Test {
    @Test
    void authorization_matchesAwsDocumentedExample() {
        // AWS S3 developer guide, "Signing and authenticating REST requests", example Object GET
        String toSign = "GET\n\n\nTue, 27 Mar 2007 19:36:42 +0000\n/awsexamplebucket1/photos/puppy.jpg";
        assertThat(SigV2.authorization("AKIAIOSFODNN7EXAMPLE", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY", toSign))
                .isEqualTo("AWS AKIAIOSFODNN7EXAMPLE:qgk2+6Sv9/oM7G3qLEjTH1a1l1g=");
    }

    @Test
    void stringToSign_isTheSeedsS3Curl_resourceUpToFirstAmpersand() {
        assertThat(SigV2.stringToSign("POST", "Tue, 03 Nov 2026 05:00:00 GMT",
                "ostor-users&emailAddress=client@example.com&disable"))
                .isEqualTo("POST\n\n\nTue, 03 Nov 2026 05:00:00 GMT\n/?ostor-users");
        assertThat(SigV2.canonicalResource("ostor-users")).isEqualTo("/?ostor-users");
    }

    @Test
    void date_isRfc1123WithTwoDigitDay() {
        assertThat(SigV2.date(Instant.parse("2026-11-03T05:00:00Z"))).isEqualTo("Tue, 03 Nov 2026 05:00:00 GMT");
    }
}
