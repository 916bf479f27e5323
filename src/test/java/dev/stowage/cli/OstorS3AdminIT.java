package dev.stowage.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stowage.it.S3TestSupport;
import io.quarkus.test.junit.QuarkusTest;
import java.io.IOException;
import java.net.ServerSocket;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * The CLI, run in-process, against the real gateway and its ostor-users service, signed as the test profile's
 * system user: every command's output checked line by line, and the effect of each on the user's S3 access.
 */
@QuarkusTest
class OstorS3AdminIT extends S3TestSupport {
    private static final AtomicInteger USERS = new AtomicInteger();
    /** Polls of at most 50 ms apart while a credential change propagates (about 5 s in all). */
    private static final int ACCESS_POLLS = 100;

    /** A user the CLI created, as its create-user output showed it. */
    record Created(String email, String id, String accessKey, String secretKey) {}

    private Map<String, String> env() {
        return Map.of("STOWAGE_ENDPOINT", endpoint().toString(), "STOWAGE_ACCESS_KEY", ACCESS_KEY,
                "STOWAGE_SECRET_KEY", SECRET_KEY);
    }

    private CliRun cli(String... args) {
        return CliRun.run(env(), args);
    }

    private CliRun ok(String... args) {
        CliRun run = cli(args);
        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.err()).as(run.toString()).isEmpty();
        return run;
    }

    private static String newEmail() {
        return "cli-" + System.nanoTime() % 1_000_000_000 + "-" + USERS.incrementAndGet() + "@example.com";
    }

    private Created createUser(String email, String... extra) {
        String[] args = new String[extra.length + 3];
        args[0] = "create-user";
        System.arraycopy(extra, 0, args, 1, extra.length);
        args[extra.length + 1] = "-e";
        args[extra.length + 2] = email;
        List<String> out = ok(args).out();
        assertThat(out).hasSize(5);
        assertThat(out.get(0)).isEqualTo("UserEmail:" + email);
        assertThat(out.get(1)).matches("UserId:[0-9a-f]{16}");
        String id = out.get(1).substring("UserId:".length());
        assertThat(out.get(2)).matches("KeyPair\\[0]:S3AccessKeyId:" + id + "[A-Z0-9]{4}");
        assertThat(out.get(3)).matches("KeyPair\\[0]:S3SecretAccessKey:.{40}");
        assertThat(out.get(4)).isEqualTo(List.of(extra).contains("-S") ? "Flags:system" : "Flags:none");
        return new Created(email, id, out.get(2).substring("KeyPair[0]:S3AccessKeyId:".length()),
                out.get(3).substring("KeyPair[0]:S3SecretAccessKey:".length()));
    }

    /**
     * Whether the key pair is let in (ListBuckets), polling a bounded number of times to wait out the gateway's
     * credential-cache propagation; the assertion is on the outcome, not on how long it took.
     */
    private void awaitAccess(String accessKey, String secretKey, boolean allowed) {
        boolean works = !allowed;
        try (S3Client client = client(accessKey, secretKey)) {
            for (int attempt = 0; attempt < ACCESS_POLLS && works != allowed; attempt++) {
                if (attempt > 0) {
                    Thread.sleep(50);
                }
                try {
                    client.listBuckets();
                    works = true;
                } catch (S3Exception e) {
                    assertThat(e.statusCode()).isEqualTo(403);
                    works = false;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
        assertThat(works).as("key %s lets its requests in", accessKey).isEqualTo(allowed);
    }

    private static String collapse(String line) {
        return line.replaceAll(" +", " ");
    }

    @Test
    void userLifecycle_createQueryDisableEnableKeysRevokeDelete() {
        Created user = createUser(newEmail());

        List<String> info = List.of("Query user: user id=" + user.id() + ", user email=" + user.email(),
                "Key pair[0]: access key id=" + user.accessKey() + ",", "secret access key=" + user.secretKey());
        assertThat(ok("query-user-info", "-e", user.email()).out()).containsExactlyElementsOf(info);
        assertThat(ok("query-user-info", "-i", user.id()).out()).containsExactlyElementsOf(info);

        List<String> table = ok("query-users").out();
        assertThat(collapse(table.get(0))).isEqualTo("S3 USER ID S3 ACCESS KEY ID S3 SECRET ACCESS KEY S3 USER EMAIL");
        assertThat(table).map(OstorS3AdminIT::collapse)
                .contains(user.id() + " " + user.accessKey() + " *** " + user.email())
                .contains(ACCESS_KEY.substring(0, 16) + " " + ACCESS_KEY + " *** system@stowage.local");
        int column = table.get(0).indexOf("S3 USER EMAIL");
        assertThat(table).filteredOn(l -> l.contains(user.email())).singleElement()
                .satisfies(l -> assertThat(l.indexOf(user.email())).isEqualTo(column));
        assertThat(ok("query-users", "-a").out()).map(OstorS3AdminIT::collapse)
                .contains(user.id() + " " + user.accessKey() + " " + user.secretKey() + " " + user.email());
        String xml = ok("query-users", "-X").outText();
        assertThat(xml).startsWith("<?xml version=\"1.0\" encoding=\"UTF-8\"?><QueryUsersResult><Users><User>")
                .endsWith("</User></Users></QueryUsersResult>")
                .contains("<User><Id>" + user.id() + "</Id><Email>" + user.email() + "</Email><Keys><OwnerId>"
                        + "0000000000000000</OwnerId><KeyPair><S3AccessKeyId>" + user.accessKey() + "</S3AccessKeyId>"
                        + "<S3SecretAccessKey>***</S3SecretAccessKey></KeyPair></Keys></User>")
                .doesNotContain(user.secretKey());
        assertThat(ok("query-users", "-a", "-X").outText()).contains("<S3SecretAccessKey>" + user.secretKey() + "<");

        awaitAccess(user.accessKey(), user.secretKey(), true);
        assertThat(ok("disable-user", "-e", user.email()).out()).isEmpty();
        awaitAccess(user.accessKey(), user.secretKey(), false);
        assertThat(ok("enable-user", "-i", user.id()).out()).isEmpty();
        awaitAccess(user.accessKey(), user.secretKey(), true);

        List<String> generated = ok("gen-access-key", "-e", user.email()).out();
        assertThat(generated).hasSize(2);
        assertThat(generated.get(0)).matches("Generate access key: user id=" + user.id() + ", access key id="
                + user.id() + "[A-Z0-9]{4},");
        assertThat(generated.get(1)).matches("secret access key=.{40}");
        String key2 = generated.get(0).replaceAll(".*access key id=(\\w+),$", "$1");
        String secret2 = generated.get(1).substring("secret access key=".length());
        assertThat(key2).isNotEqualTo(user.accessKey());
        awaitAccess(key2, secret2, true);
        assertThat(ok("query-user-info", "-e", user.email()).out()).containsExactly(info.get(0), info.get(1), info.get(2),
                "Key pair[1]: access key id=" + key2 + ",", "secret access key=" + secret2);
        assertThat(ok("query-users").out()).map(OstorS3AdminIT::collapse)
                .containsSubsequence(user.id() + " " + user.accessKey() + " *** " + user.email(), " " + key2 + " ***");

        CliRun third = cli("gen-access-key", "-i", user.id());
        assertThat(third.exitCode()).as(third.toString()).isEqualTo(3);
        assertThat(third.err()).singleElement().asString().startsWith("ostor-s3-admin: ").endsWith("(HTTP 409)");
        assertThat(third.out()).isEmpty();

        assertThat(ok("revoke-access-key", "-e", user.email(), "-k", user.accessKey()).out())
                .containsExactly("Revoke access key: user id=" + user.id() + ", access key id=" + user.accessKey());
        awaitAccess(user.accessKey(), user.secretKey(), false);
        awaitAccess(key2, secret2, true);
        assertThat(ok("query-user-info", "-i", user.id()).out()).containsExactly(info.get(0),
                "Key pair[0]: access key id=" + key2 + ",", "secret access key=" + secret2);
        CliRun revokedAgain = cli("revoke-access-key", "-i", user.id(), "-k", user.accessKey());
        assertThat(revokedAgain.exitCode()).as(revokedAgain.toString()).isEqualTo(2);

        assertThat(ok("delete-user", "-e", user.email()).out()).containsExactly("Deleted user: user id=" + user.id());
        awaitAccess(key2, secret2, false);
        CliRun gone = cli("query-user-info", "-e", user.email());
        assertThat(gone.exitCode()).as(gone.toString()).isEqualTo(2);
        assertThat(ok("query-users").outText()).doesNotContain(user.id());
    }

    @Test
    void deleteUser_whoOwnsABucket_isRefusedUntilTheBucketIsGone() {
        Created user = createUser(newEmail());
        String bucket = "cli-owned-" + user.id();
        try (S3Client owner = client(user.accessKey(), user.secretKey())) {
            owner.createBucket(b -> b.bucket(bucket));
            CliRun refused = cli("delete-user", "-i", user.id());
            assertThat(refused.exitCode()).as(refused.toString()).isEqualTo(3);
            assertThat(refused.out()).isEmpty();
            assertThat(refused.err()).singleElement().asString().startsWith("ostor-s3-admin: ").endsWith("(HTTP 409)");
            assertThat(ok("query-user-info", "-i", user.id()).out()).hasSize(3);

            List<String> buckets = ok("list-all-buckets").out();
            assertThat(collapse(buckets.get(0))).isEqualTo("BUCKET NAME OWNER ID CREATION DATE EPOCH");
            assertThat(buckets).map(OstorS3AdminIT::collapse).anySatisfy(line ->
                    assertThat(line).matches(bucket + " " + user.id() + " \\d{4}-\\d\\d-\\d\\dT\\S+ \\S+"));

            owner.deleteBucket(b -> b.bucket(bucket));
        }
        assertThat(ok("delete-user", "-i", user.id()).out()).containsExactly("Deleted user: user id=" + user.id());
        assertThat(ok("list-all-buckets").outText()).doesNotContain(bucket);
    }

    @Test
    void systemUser_createdWithS_canRunTheCli_ordinaryUserCannot() {
        Created system = createUser(newEmail(), "-S");
        Created plain = createUser(newEmail());
        CliRun bySystem = CliRun.run(Map.of("STOWAGE_ENDPOINT", endpoint().toString()), "query-user-info",
                "-i", plain.id(), "--access-key", system.accessKey(), "--secret-key", system.secretKey());
        assertThat(bySystem.exitCode()).as(bySystem.toString()).isZero();
        assertThat(bySystem.out().get(0)).isEqualTo("Query user: user id=" + plain.id() + ", user email=" + plain.email());

        CliRun byPlain = CliRun.run(Map.of("STOWAGE_ENDPOINT", endpoint().toString(), "STOWAGE_ACCESS_KEY",
                plain.accessKey(), "STOWAGE_SECRET_KEY", plain.secretKey()), "query-users");
        assertThat(byPlain.exitCode()).as(byPlain.toString()).isEqualTo(4);
        assertThat(byPlain.err()).singleElement().asString().startsWith("ostor-s3-admin: ").contains("(HTTP 403)");

        ok("delete-user", "-i", plain.id());
        ok("delete-user", "-i", system.id());
    }

    @Test
    void createUser_existingEmail_isAConflict() {
        Created user = createUser(newEmail());
        CliRun again = cli("create-user", "-e", user.email());
        assertThat(again.exitCode()).as(again.toString()).isEqualTo(3);
        assertThat(again.out()).isEmpty();
        assertThat(again.err()).singleElement().asString().startsWith("ostor-s3-admin: ").endsWith("(HTTP 409)");
        ok("delete-user", "-i", user.id());
    }

    @Test
    void unknownUser_isExitCode2WithTheGatewaysMessage() {
        for (String[] args : List.of(new String[] {"query-user-info", "-e", "nobody-" + System.nanoTime() + "@example.com"},
                new String[] {"delete-user", "-i", "ffffffffffff0000"},
                new String[] {"disable-user", "-i", "ffffffffffff0000"},
                new String[] {"gen-access-key", "-e", "nobody@example.com"},
                new String[] {"revoke-access-key", "-e", "nobody@example.com", "-k", "ffffffffffff0000ABCD"})) {
            CliRun run = cli(args);
            assertThat(run.exitCode()).as(run.toString()).isEqualTo(2);
            assertThat(run.out()).as(run.toString()).isEmpty();
            assertThat(run.err()).as(run.toString()).singleElement().asString()
                    .startsWith("ostor-s3-admin: ").endsWith("(HTTP 404)");
        }
    }

    @Test
    void badEmail_isRefusedBeforeAnyRequest() {
        CliRun run = cli("create-user", "-e", "no-at-sign.example.com");
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).containsExactly("ostor-s3-admin: invalid email address 'no-at-sign.example.com'");
    }

    @Test
    void badSecret_isAccessDenied() {
        CliRun run = CliRun.run(Map.of("STOWAGE_ENDPOINT", endpoint().toString()), "query-users",
                "--access-key", ACCESS_KEY, "--secret-key", SECRET_KEY.replace('0', '1'));
        assertThat(run.exitCode()).as(run.toString()).isEqualTo(4);
        assertThat(run.out()).isEmpty();
        assertThat(run.err()).singleElement().asString().startsWith("ostor-s3-admin: ").contains("(HTTP 403)")
                .contains("system user");
    }

    @Test
    void credentialsFile_theGatewayWrote_isUsedAsIs() {
        // the test profile's data directory (application.properties, %test.stowage.data-dir)
        CliRun run = CliRun.run(Map.of("STOWAGE_ENDPOINT", endpoint().toString()), "query-user-info",
                "-i", USER_ID, "--credentials-file", "target/test-data/system-credentials");
        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.out().get(0)).isEqualTo("Query user: user id=" + USER_ID + ", user email=system@stowage.local");
        assertThat(run.out()).contains("Key pair[0]: access key id=" + ACCESS_KEY + ",");
    }

    @Test
    void unreachableGateway_isExitCode5() throws IOException {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        CliRun run = CliRun.run(Map.of("STOWAGE_ACCESS_KEY", ACCESS_KEY, "STOWAGE_SECRET_KEY", SECRET_KEY),
                "list-all-buckets", "--endpoint", "http://127.0.0.1:" + port);
        assertThat(run.exitCode()).isEqualTo(5);
        assertThat(run.err()).containsExactly(
                "ostor-s3-admin: cannot reach the gateway at http://127.0.0.1:" + port + " (connection refused)");
    }

    @Test
    void help_worksWithoutAGateway() {
        CliRun run = CliRun.run(Map.of(), "delete-user", "--help");
        assertThat(run.exitCode()).isZero();
        assertThat(run.out().get(0)).startsWith("Usage: ostor-s3-admin delete-user");
    }
}
