package dev.stowage.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stowage.it.S3TestSupport;
import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * set-limits, query-limits and rm-limits, run in-process against the real gateway's ostor-limits service, signed
 * as the test profile's system user: the output of each checked against the integration guide's section 2.2.
 */
@QuarkusTest
class OstorS3AdminLimitsIT extends S3TestSupport {
    private static final AtomicInteger USERS = new AtomicInteger();

    /** Sections 2.2.1 and 2.2.5. */
    private static final List<String> SEED_GET_3600 = List.of("ops:default=0.00ops/s", "ops:get=3600.00ops/s",
            "ops:put=0.00ops/s", "ops:list=0.00ops/s", "ops:delete=0.00ops/s", "bandwidth:out=0kbs/s");
    /** Sections 2.2.2, 2.2.3, 2.2.6 and 2.2.7. */
    private static final List<String> SEED_GET_3600_OUT_100 = List.of("ops:default=0.00ops/s", "ops:get=3600.00ops/s",
            "ops:put=0.00ops/s", "ops:list=0.00ops/s", "ops:delete=0.00ops/s", "bandwidth:out=100kbs/s");
    /** Sections 2.2.4 and 2.2.8. */
    private static final List<String> SEED_NONE = List.of("ops:default=0.00ops/s", "ops:get=0.00ops/s",
            "ops:put=0.00ops/s", "ops:list=0.00ops/s", "ops:delete=0.00ops/s", "bandwidth:out=0kbs/s");

    private CliRun cli(String... args) {
        return CliRun.run(Map.of("STOWAGE_ENDPOINT", endpoint().toString(), "STOWAGE_ACCESS_KEY", ACCESS_KEY,
                "STOWAGE_SECRET_KEY", SECRET_KEY), args);
    }

    private List<String> ok(String... args) {
        CliRun run = cli(args);
        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.err()).as(run.toString()).isEmpty();
        return run.out();
    }

    /** A new user's email, id, access key and secret, created with the CLI. */
    private String[] newUser() {
        String email = "limits-" + System.nanoTime() % 1_000_000_000 + "-" + USERS.incrementAndGet() + "@example.com";
        List<String> out = ok("create-user", "-e", email);
        return new String[] {email, out.get(1).substring("UserId:".length()),
                out.get(2).substring("KeyPair[0]:S3AccessKeyId:".length()),
                out.get(3).substring("KeyPair[0]:S3SecretAccessKey:".length())};
    }

    @Test
    void userLimits_setQueryRm_byEmailAndId_printTheGuidesLines() {
        String[] user = newUser();
        String email = user[0];
        String id = user[1];
        try {
            assertThat(ok("query-limits", "-e", email)).containsExactlyElementsOf(SEED_NONE);
            assertThat(ok("set-limits", "-e", email, "-t", "ops", "-L", "get=3600")).containsExactlyElementsOf(SEED_GET_3600);
            assertThat(ok("set-limits", "-e", email, "-t", "bandwidth", "-L", "out=100"))
                    .containsExactlyElementsOf(SEED_GET_3600_OUT_100);
            assertThat(ok("query-limits", "-e", email)).containsExactlyElementsOf(SEED_GET_3600_OUT_100);
            assertThat(ok("query-limits", "-i", id)).containsExactlyElementsOf(SEED_GET_3600_OUT_100);
            assertThat(ok("set-limits", "-i", id, "-t", "ops", "-L", "put=10", "-L", "default=0.5", "-L", "list=2.25"))
                    .containsExactly("ops:default=0.50ops/s", "ops:get=3600.00ops/s", "ops:put=10.00ops/s",
                            "ops:list=2.25ops/s", "ops:delete=0.00ops/s", "bandwidth:out=100kbs/s");
            assertThat(ok("set-limits", "-e", email, "-t", "ops", "-L", "put=0")).contains("ops:put=0.00ops/s");
            assertThat(ok("rm-limits", "-e", email)).containsExactlyElementsOf(SEED_NONE);
            assertThat(ok("query-limits", "-i", id)).containsExactlyElementsOf(SEED_NONE);
        } finally {
            cli("rm-limits", "-i", id);
            cli("delete-user", "-i", id);
        }
    }

    @Test
    void bucketLimits_setQueryRm_printTheGuidesLines() {
        String bucket = newBucket();
        try {
            assertThat(ok("query-limits", "-b", bucket)).containsExactlyElementsOf(SEED_NONE);
            assertThat(ok("set-limits", "-b", bucket, "-t", "ops", "-L", "get=3600")).containsExactlyElementsOf(SEED_GET_3600);
            assertThat(ok("set-limits", "-b", bucket, "-t", "bandwidth", "-L", "out=100"))
                    .containsExactlyElementsOf(SEED_GET_3600_OUT_100);
            assertThat(ok("query-limits", "-b", bucket)).containsExactlyElementsOf(SEED_GET_3600_OUT_100);
            assertThat(ok("rm-limits", "-b", bucket)).containsExactlyElementsOf(SEED_NONE);
            assertThat(ok("query-limits", "-b", bucket)).containsExactlyElementsOf(SEED_NONE);
        } finally {
            cli("rm-limits", "-b", bucket);
            s3.deleteBucket(b -> b.bucket(bucket));
        }
    }

    @Test
    void unknownUserOrBucket_isExitCode2_andLocalChecksSendNothing() {
        for (String[] args : List.of(new String[] {"query-limits", "-e", "nobody-" + System.nanoTime() + "@example.com"},
                new String[] {"set-limits", "-i", "ffffffffffff0000", "-t", "ops", "-L", "get=1"},
                new String[] {"rm-limits", "-b", "no-such-bucket-" + System.nanoTime()},
                new String[] {"set-limits", "-b", "no-such-bucket-" + System.nanoTime(), "-t", "bandwidth", "-L", "out=1"})) {
            CliRun run = cli(args);
            assertThat(run.exitCode()).as(run.toString()).isEqualTo(2);
            assertThat(run.out()).as(run.toString()).isEmpty();
            assertThat(run.err()).as(run.toString()).singleElement().asString()
                    .startsWith("ostor-s3-admin: ").endsWith("(HTTP 404)");
        }
        CliRun bad = cli("set-limits", "-e", "nobody@example.com", "-t", "bandwidth", "-L", "out=1.5");
        assertThat(bad.exitCode()).as(bad.toString()).isEqualTo(1);
        assertThat(bad.errText()).contains("invalid value '1.5' for bandwidth:out");
    }

    @Test
    void ordinaryUser_cannotUseTheLimitCommands() {
        String[] user = newUser();
        try {
            CliRun run = CliRun.run(Map.of("STOWAGE_ENDPOINT", endpoint().toString(), "STOWAGE_ACCESS_KEY", user[2],
                    "STOWAGE_SECRET_KEY", user[3]), "set-limits", "-e", user[0], "-t", "ops", "-L", "get=1");
            assertThat(run.exitCode()).as(run.toString()).isEqualTo(4);
            assertThat(run.err()).singleElement().asString().startsWith("ostor-s3-admin: ").contains("(HTTP 403)");
            assertThat(ok("query-limits", "-e", user[0])).containsExactlyElementsOf(SEED_NONE);
        } finally {
            cli("delete-user", "-i", user[1]);
        }
    }
}
