package dev.stowage.usage;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class UsageNameTest {
    @Test
    void parse_seedsName_roundTrips() {
        String seed = "s3-usage-8000000000000065-2017-02-01T16:31:54.000Z-1800";
        UsageName name = UsageName.parse(seed).orElseThrow();
        assertThat(name.serviceId()).isEqualTo("8000000000000065");
        assertThat(name.startTs()).isEqualTo(1485966714L); // the seed's start_ts for this object
        assertThat(name.period()).isEqualTo(1800);
        assertThat(name.toString()).isEqualTo(seed);
        assertThat(UsageName.parse("s3-usage-800000000000006a-2017-02-01T16:31:08.000Z-1800")).isPresent();
    }

    @Test
    void parse_anythingElse_isEmpty() {
        assertThat(UsageName.parse("s3-usage-80000000000065-2017-02-01T16:31:54.000Z-1800")).isEmpty();
        assertThat(UsageName.parse("../../etc/passwd")).isEmpty();
        assertThat(UsageName.parse("s3-usage-8000000000000065-2017-02-31T16:31:54.000Z-1800")).isEmpty();
        assertThat(UsageName.parse(null)).isEmpty();
    }

    @Test
    void render_matchesTheSeedsFieldsOrderAndTypes() {
        byte[] json = UsageJson.render("8000000000000065", 1485966714L, 1390,
                Map.of(new UsageKey("client", 98309, "b81d6c5f895a8c86", ""), new UsageCounts(1, 3, 0, 0, 41258, 45511311)));
        assertThat(new String(json)).isEqualTo("""
                {
                    "fmt_version": 1,
                    "service_id": 8000000000000065,
                    "start_ts": 1485966714,
                    "period": 1390,
                    "nr_items": 1,
                    "items": [
                        {
                            "key": {
                                "bucket": "client",
                                "epoch": 98309,
                                "user_id": "b81d6c5f895a8c86",
                                "tag": ""
                            },
                            "counters": {
                                "ops": {
                                    "put": 1,
                                    "get": 3,
                                    "list": 0,
                                    "other": 0
                                },
                                "net_io": {
                                    "uploaded": 41258,
                                    "downloaded": 45511311
                                }
                            }
                        }
                    ]
                }
                """);
    }

    @Test
    void checkpoint_roundTrips() {
        Checkpoint cp = new Checkpoint(100, 130, 1800, Map.of(
                new TrafficKey(new UsageKey("b", 5, "u", ""), 900, "PutObject"), new TrafficCounts(1, 5, 6),
                new TrafficKey(new UsageKey("b", 5, "u", ""), 1800, "ListObjectsV2"), new TrafficCounts(2, 0, 9)));
        assertThat(Checkpoint.decode(new String(cp.encode()))).isEqualTo(cp);
    }

    @Test
    void meteringBatch_roundTrips() {
        MeteringBatch batch = new MeteringBatch("1000000000000001", 100, 90, 130, true,
                Map.of(new TrafficKey(new UsageKey("b", 5, "u", ""), 0, "GetObject"), new TrafficCounts(3, 0, 44)),
                java.util.List.of(new BucketStorage("b", 5, "o", 10, 2, 12, 300, 130)),
                java.util.List.of(new MeteringBatch.Bucket("b", 5, "o"), new MeteringBatch.Bucket("c", 6, null)));
        assertThat(MeteringBatch.decode(new String(batch.encode()))).isEqualTo(batch);
    }
}
