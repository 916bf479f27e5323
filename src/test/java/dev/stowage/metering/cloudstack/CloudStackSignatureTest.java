package dev.stowage.metering.cloudstack;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stowage.metering.cloudstack.CloudStackSignature.Param;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The signature of the developer's guide 5.2.1, against a vector computed with the guide's own Python recipe
 * (urllib quote_plus, sorted keys, lower-cased, HMAC-SHA1, Base64) outside this code base.
 */
class CloudStackSignatureTest {
    private static final List<Param> REQUEST = List.of(new Param("command", "listUsageRecords"),
            new Param("startdate", "2024-01-15"), new Param("enddate", "2024-01-15"), new Param("apiKey", "AKEXAMPLE"),
            new Param("response", "json"));

    @Test
    void stringToSign_isSortedLowerCasedCommandString() {
        assertThat(CloudStackSignature.stringToSign(REQUEST))
                .isEqualTo("apikey=akexample&command=listusagerecords&enddate=2024-01-15&response=json&startdate=2024-01-15");
    }

    @Test
    void sign_matchesThePythonRecipe() {
        assertThat(CloudStackSignature.sign("secretEXAMPLE", CloudStackSignature.stringToSign(REQUEST)))
                .isEqualTo("vey6rg4s52IEt8R0xDEMj1yWMmM=");
    }

    @Test
    void verify_ignoresTheSignatureParameterAndRejectsOtherSecrets() {
        List<Param> withSignature = new java.util.ArrayList<>(REQUEST);
        withSignature.add(new Param("signature", "vey6rg4s52IEt8R0xDEMj1yWMmM="));
        assertThat(CloudStackSignature.verify("secretEXAMPLE", withSignature, "vey6rg4s52IEt8R0xDEMj1yWMmM=")).isTrue();
        assertThat(CloudStackSignature.verify("otherSecret", withSignature, "vey6rg4s52IEt8R0xDEMj1yWMmM=")).isFalse();
        assertThat(CloudStackSignature.verify("secretEXAMPLE", withSignature, null)).isFalse();
    }
}
