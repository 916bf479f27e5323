package dev.stowage.s3.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stowage.s3.error.S3Exception;
import dev.stowage.s3.tagging.TagSet;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class LifecycleConfigurationTest {
    private static LifecycleConfiguration parse(String rules) {
        return LifecycleConfiguration.parse(("<LifecycleConfiguration>" + rules + "</LifecycleConfiguration>")
                .getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void expiryAfterDays_isCreationPlusDays_roundedUpToTheNextMidnightUtc() {
        LifecycleRule rule = parse("<Rule><ID>r</ID><Filter><Prefix>logs/</Prefix></Filter><Status>Enabled</Status>"
                + "<Expiration><Days>3</Days></Expiration></Rule>").rules().get(0);
        assertThat(rule.expiryOf(Instant.parse("2014-01-15T10:30:00Z"))).isEqualTo(Instant.parse("2014-01-19T00:00:00Z"));
        assertThat(rule.expiryOf(Instant.parse("2014-01-15T23:59:59Z"))).isEqualTo(Instant.parse("2014-01-19T00:00:00Z"));
        assertThat(rule.selects("logs/a", 10, TagSet.EMPTY)).isTrue();
        assertThat(rule.selects("other/a", 10, TagSet.EMPTY)).isFalse();
    }

    @Test
    void andFilter_needsThePrefixEveryTagAndTheSizeBounds() {
        LifecycleRule rule = parse("<Rule><ID>r</ID><Filter><And><Prefix>tmp/</Prefix><Tag><Key>k</Key><Value>v</Value>"
                + "</Tag><ObjectSizeGreaterThan>10</ObjectSizeGreaterThan><ObjectSizeLessThan>100</ObjectSizeLessThan>"
                + "</And></Filter><Status>Enabled</Status><Expiration><Days>1</Days></Expiration></Rule>").rules().get(0);
        TagSet tagged = new TagSet(Map.of("k", "v", "other", "x"));
        assertThat(rule.selects("tmp/a", 50, tagged)).isTrue();
        assertThat(rule.selects("tmp/a", 50, new TagSet(Map.of("k", "w")))).isFalse();
        assertThat(rule.selects("tmp/a", 10, tagged)).isFalse();
        assertThat(rule.selects("tmp/a", 100, tagged)).isFalse();
        assertThat(rule.selects("tm/a", 50, tagged)).isFalse();
    }

    @Test
    void rendering_roundTrips_andKeepsALegacyPrefixAsItCame() {
        String rules = "<Rule><ID>legacy</ID><Prefix>old/</Prefix><Status>Disabled</Status>"
                + "<Expiration><Date>2030-01-01T00:00:00Z</Date></Expiration></Rule>"
                + "<Rule><ID>multi</ID><Filter><And><Prefix>a/</Prefix><Tag><Key>k</Key><Value>v</Value></Tag></And></Filter>"
                + "<Status>Enabled</Status><Expiration><Days>7</Days></Expiration>"
                + "<NoncurrentVersionExpiration><NoncurrentDays>2</NoncurrentDays></NoncurrentVersionExpiration></Rule>"
                + "<Rule><ID>uploads</ID><Filter></Filter><Status>Enabled</Status>"
                + "<AbortIncompleteMultipartUpload><DaysAfterInitiation>3</DaysAfterInitiation></AbortIncompleteMultipartUpload></Rule>";
        LifecycleConfiguration parsed = parse(rules);
        String rendered = parsed.encode();
        assertThat(LifecycleConfiguration.parse(rendered.getBytes(StandardCharsets.UTF_8))).isEqualTo(parsed);
        assertThat(rendered).contains("<ID>legacy</ID><Prefix>old/</Prefix><Status>Disabled</Status>")
                .contains("<Filter><And><Prefix>a/</Prefix><Tag><Key>k</Key><Value>v</Value></Tag></And></Filter>")
                .contains("<Date>2030-01-01T00:00:00.000Z</Date>")
                .contains("<DaysAfterInitiation>3</DaysAfterInitiation>");
    }

    @Test
    void aRuleWithoutAnId_getsOneThatStaysOnceStored() {
        LifecycleConfiguration parsed = parse("<Rule><Filter><Prefix></Prefix></Filter><Status>Enabled</Status>"
                + "<Expiration><Days>1</Days></Expiration></Rule>");
        String id = parsed.rules().get(0).id();
        assertThat(id).isNotEmpty();
        assertThat(LifecycleConfiguration.parse(parsed.toXml()).rules().get(0).id()).isEqualTo(id);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "<Rule><ID>a</ID><Status>On</Status><Expiration><Days>1</Days></Expiration></Rule>|MalformedXML",
            "<Rule><ID>a</ID><Status>Enabled</Status><Expiration><Days>0</Days></Expiration></Rule>|InvalidArgument",
            "<Rule><ID>a</ID><Status>Enabled</Status><Expiration><Days>x</Days></Expiration></Rule>|MalformedXML",
            "<Rule><ID>a</ID><Status>Enabled</Status><Expiration><Days>1</Days><Date>2030-01-01T00:00:00Z</Date></Expiration></Rule>|MalformedXML",
            "<Rule><ID>a</ID><Status>Enabled</Status><Expiration><Date>2030-01-01T10:00:00Z</Date></Expiration></Rule>|InvalidArgument",
            "<Rule><ID>a</ID><Status>Enabled</Status></Rule>|InvalidRequest",
            "<Rule><ID>a</ID><Status>Enabled</Status><Expiration><Days>1</Days></Expiration></Rule><Rule><ID>a</ID><Status>Enabled</Status><Expiration><Days>2</Days></Expiration></Rule>|InvalidArgument",
            "<Rule><ID>a</ID><Prefix>x</Prefix><Filter><Prefix>x</Prefix></Filter><Status>Enabled</Status><Expiration><Days>1</Days></Expiration></Rule>|MalformedXML",
            "<Rule><ID>a</ID><Filter><Prefix>x</Prefix><Tag><Key>k</Key><Value>v</Value></Tag></Filter><Status>Enabled</Status><Expiration><Days>1</Days></Expiration></Rule>|MalformedXML",
            "<Rule><ID>a</ID><Filter><Tag><Key>k</Key><Value>v</Value></Tag></Filter><Status>Enabled</Status><AbortIncompleteMultipartUpload><DaysAfterInitiation>1</DaysAfterInitiation></AbortIncompleteMultipartUpload></Rule>|InvalidRequest",
            "<Rule><ID>a</ID><Status>Enabled</Status><Transition><Days>30</Days><StorageClass>GLACIER</StorageClass></Transition></Rule>|NotImplemented",
            "|MalformedXML"})
    void invalidRules_getAwssErrors(String rules, String code) {
        assertThatThrownBy(() -> parse(rules == null ? "" : rules))
                .isInstanceOfSatisfying(S3Exception.class, e -> assertThat(e.error().code()).isEqualTo(code));
    }

    @Test
    void anIdOver255Characters_isInvalidArgument() {
        assertThatThrownBy(() -> parse("<Rule><ID>" + "i".repeat(256) + "</ID><Status>Enabled</Status>"
                + "<Expiration><Days>1</Days></Expiration></Rule>"))
                .isInstanceOfSatisfying(S3Exception.class, e -> assertThat(e.getMessage())
                        .isEqualTo("ID length should not exceed allowed limit of 255"));
    }
}
