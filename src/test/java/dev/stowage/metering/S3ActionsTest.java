package dev.stowage.metering;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stowage.usage.UsageClass;
import org.junit.jupiter.api.Test;

/** How metering and usage name and class the S3 actions. */
class S3ActionsTest {

    @Test
    void listObjectVersions_isCountedAsS3ListBucketVersions() {
        assertThat(S3Actions.utapiKey("ListObjectVersions")).isEqualTo("s3:ListBucketVersions");
        assertThat(S3Actions.operationKeys()).contains("s3:ListBucketVersions");
    }

    @Test
    void listObjectVersions_isAListRequestInUsage() {
        assertThat(UsageClass.of("ListObjectVersions")).isEqualTo(UsageClass.LIST);
    }
}
