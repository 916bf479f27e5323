package dev.stowage.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.s3.model.Bucket;
import software.amazon.awssdk.services.s3.model.ListBucketsResponse;

/** ListBuckets' paging and filters (prefix, max-buckets, continuation-token, bucket-region), as AWS added them. */
@QuarkusTest
class ListBucketsIT extends S3TestSupport {

    private List<String> createBuckets(String prefix, int count) {
        List<String> names = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String name = prefix + i;
            s3.createBucket(b -> b.bucket(name));
            names.add(name);
        }
        return names;
    }

    @Test
    void maxBuckets_pagesThroughThePrefixedBuckets_inNameOrder_withContinuationTokens() {
        String prefix = "lb-" + System.nanoTime() + "-";
        List<String> names = createBuckets(prefix, 5);
        List<String> seen = new ArrayList<>();
        List<Integer> pageSizes = new ArrayList<>();
        String token = null;
        for (int page = 0; page < 10; page++) {
            String from = token;
            ListBucketsResponse response = s3.listBuckets(b -> b.prefix(prefix).maxBuckets(2).continuationToken(from));
            assertThat(response.prefix()).isEqualTo(prefix);
            response.buckets().forEach(bucket -> seen.add(bucket.name()));
            pageSizes.add(response.buckets().size());
            token = response.continuationToken();
            if (token == null) {
                break;
            }
        }
        assertThat(seen).containsExactlyElementsOf(names);
        assertThat(pageSizes).containsExactly(2, 2, 1);
    }

    @Test
    void paginator_ofTheSdk_listsEveryBucketOnce() {
        String prefix = "lp-" + System.nanoTime() + "-";
        List<String> names = createBuckets(prefix, 3);
        List<String> seen = s3.listBucketsPaginator(b -> b.prefix(prefix).maxBuckets(1)).buckets().stream()
                .map(Bucket::name).toList();
        assertThat(seen).containsExactlyElementsOf(names);
    }

    @Test
    void bucketRegion_filtersByRegion_andEachBucketNamesItsRegion() {
        String prefix = "lr-" + System.nanoTime() + "-";
        List<String> names = createBuckets(prefix, 2);
        ListBucketsResponse here = s3.listBuckets(b -> b.prefix(prefix).bucketRegion("us-east-1"));
        assertThat(here.buckets()).extracting(Bucket::name).containsExactlyElementsOf(names);
        assertThat(here.buckets()).extracting(Bucket::bucketRegion).containsOnly("us-east-1");
        assertThat(s3.listBuckets(b -> b.prefix(prefix).bucketRegion("eu-west-1")).buckets()).isEmpty();
    }

    @Test
    void badMaxBucketsOrToken_isInvalidArgument() {
        assertS3Error(() -> s3.listBuckets(b -> b.maxBuckets(0)), 400, "InvalidArgument");
        assertS3Error(() -> s3.listBuckets(b -> b.maxBuckets(10_001)), 400, "InvalidArgument");
        assertS3Error(() -> s3.listBuckets(b -> b.continuationToken("not-a-token!")), 400, "InvalidArgument");
    }
}
