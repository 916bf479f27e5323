package dev.stowage.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The CLI against a stub of the admin services (no gateway): request shapes, signing, credential precedence and
 * the mapping of HTTP errors and network failures to messages and exit codes.
 */
class OstorS3AdminStubTest {
    private static final String KEY = "0123456789abcdefTEST";
    private static final String SECRET = "TestSecretKeyTestSecretKeyTestSecretKey0";

    record Seen(String method, String query, String date, String authorization) {}

    record Canned(int status, String body, String errMessage) {}

    private HttpServer server;
    private final Map<String, Canned> answers = new ConcurrentHashMap<>();
    private final List<Seen> seen = new CopyOnWriteArrayList<>();
    private String endpoint;

    @TempDir
    Path tmp;

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", this::handle);
        server.start();
        endpoint = "http://127.0.0.1:" + server.getAddress().getPort();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private void handle(HttpExchange exchange) throws IOException {
        String method = exchange.getRequestMethod();
        String query = exchange.getRequestURI().getRawQuery();
        String date = exchange.getRequestHeaders().getFirst("Date");
        String auth = exchange.getRequestHeaders().getFirst("Authorization");
        seen.add(new Seen(method, query, date, auth));
        Canned answer;
        String expected = SigV2.authorization(KEY, SECRET, SigV2.stringToSign(method, date, query));
        if (!expected.equals(auth)) {
            answer = new Canned(403, "<Error><Code>SignatureDoesNotMatch</Code><Message>The request signature we"
                    + " calculated does not match the signature you provided.</Message></Error>", null);
        } else {
            answer = answers.getOrDefault(method + " " + query, new Canned(404, "", "The specified user does not exist."));
        }
        if (answer.errMessage() != null) {
            exchange.getResponseHeaders().add("X-Amz-Err-Message", answer.errMessage());
        }
        byte[] body = answer.body().getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(answer.status(), body.length == 0 ? -1 : body.length);
        try (OutputStream os = exchange.getResponseBody()) {
            os.write(body);
        }
    }

    private void answer(String request, int status, String body) {
        answers.put(request, new Canned(status, body, null));
    }

    private CliRun cli(String... args) {
        return CliRun.run(Map.of("STOWAGE_ENDPOINT", endpoint, "STOWAGE_ACCESS_KEY", KEY, "STOWAGE_SECRET_KEY", SECRET),
                args);
    }

    @Test
    void createUser_sendsTheSeedsRequest_andPrintsItsAnswer() {
        answer("PUT ostor-users&emailAddress=user@email.com", 200, """
                {"UserEmail": "user@email.com", "UserId": "a49e12a226bd760f", "AWSAccessKeys": [
                {"AWSAccessKeyId": "a49e12a226bd760fGHQ7", "AWSSecretAccessKey": "HSDu2DA00JNGjnRcAhLKfhrvlymzOVdLPsCK2dcq"}]}""");
        CliRun run = cli("create-user", "-e", "user@email.com");
        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.out()).containsExactly("UserEmail:user@email.com", "UserId:a49e12a226bd760f",
                "KeyPair[0]:S3AccessKeyId:a49e12a226bd760fGHQ7",
                "KeyPair[0]:S3SecretAccessKey:HSDu2DA00JNGjnRcAhLKfhrvlymzOVdLPsCK2dcq", "Flags:none");
        Seen request = seen.get(0);
        assertThat(request.date()).matches("[A-Z][a-z]{2}, \\d{2} [A-Z][a-z]{2} \\d{4} \\d{2}:\\d{2}:\\d{2} GMT");
        assertThat(request.authorization()).startsWith("AWS " + KEY + ":");
    }

    @Test
    void createSystemUser_addsTheSystemWord_andEncodesThePlus() {
        answer("PUT ostor-users&emailAddress=ops%2B1@example.com&system", 200, """
                {"UserEmail": "ops+1@example.com", "UserId": "a14040e0b2ef8b28", "AWSAccessKeys": [
                {"AWSAccessKeyId": "a14040e0b2ef8b28FZZ8", "AWSSecretAccessKey": "dbwTnQTW602aAAdq8DQVFzB6yrTCFTNiGB8C8RFA"}]}""");
        CliRun run = cli("create-user", "-S", "-e", "ops+1@example.com");
        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.out()).last().isEqualTo("Flags:system");
    }

    @Test
    void queryUsers_asksForEachUsersKeys() {
        answer("GET ostor-users", 200, """
                [{"UserEmail": "user2@abc.com", "UserId": "bf0b3b15eb7c9019", "State": "enabled", "OwnerId": "0000000000000000"},
                 {"UserEmail": "user3@abc.com", "UserId": "e86d1c19e6164551", "State": "disabled", "OwnerId": "0000000000000000"}]""");
        answer("GET ostor-users&id=bf0b3b15eb7c9019", 200, """
                {"UserEmail": "user2@abc.com", "UserId": "bf0b3b15eb7c9019", "State": "enabled", "OwnerId": "0000000000000000",
                 "Flags": [], "AWSAccessKeys": [{"AWSAccessKeyId": "bf0b3b15eb7c9019I36Y", "AWSSecretAccessKey": "sec1"}]}""");
        answer("GET ostor-users&id=e86d1c19e6164551", 200, """
                {"UserEmail": "user3@abc.com", "UserId": "e86d1c19e6164551", "State": "disabled", "OwnerId": "0000000000000000",
                 "Flags": [], "AWSAccessKeys": []}""");
        CliRun run = cli("query-users");
        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.out()).containsExactly(
                "S3 USER ID       S3 ACCESS KEY ID     S3 SECRET ACCESS KEY S3 USER EMAIL",
                "bf0b3b15eb7c9019 bf0b3b15eb7c9019I36Y ***                  user2@abc.com",
                "e86d1c19e6164551 -                    -                    user3@abc.com");
        CliRun xml = cli("query-users", "-a", "-X");
        assertThat(xml.out()).containsExactly("<?xml version=\"1.0\" encoding=\"UTF-8\"?><QueryUsersResult><Users>"
                + "<User><Id>bf0b3b15eb7c9019</Id><Email>user2@abc.com</Email><Keys><OwnerId>0000000000000000</OwnerId>"
                + "<KeyPair><S3AccessKeyId>bf0b3b15eb7c9019I36Y</S3AccessKeyId><S3SecretAccessKey>sec1</S3SecretAccessKey>"
                + "</KeyPair></Keys></User><User><Id>e86d1c19e6164551</Id><Email>user3@abc.com</Email><Keys>"
                + "<OwnerId>0000000000000000</OwnerId></Keys></User></Users></QueryUsersResult>");
    }

    @Test
    void deleteUserByEmail_looksUpTheIdToPrintIt() {
        answer("GET ostor-users&emailAddress=user@email.com", 200, """
                {"UserEmail": "user@email.com", "UserId": "bf0b3b15eb7c9019", "State": "enabled", "OwnerId": "0000000000000000",
                 "Flags": [], "AWSAccessKeys": []}""");
        answer("DELETE ostor-users&emailAddress=user@email.com", 204, "");
        CliRun run = cli("delete-user", "-e", "user@email.com");
        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.out()).containsExactly("Deleted user: user id=bf0b3b15eb7c9019");
    }

    @Test
    void disableUser_printsNothing() {
        answer("POST ostor-users&id=bf0b3b15eb7c9019&disable", 200, "");
        CliRun run = cli("disable-user", "-i", "bf0b3b15eb7c9019");
        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.out()).isEmpty();
        assertThat(run.err()).isEmpty();
    }

    @Test
    void httpErrors_becomeOneLineAndTheirExitCodes() {
        CliRun notFound = cli("query-user-info", "-e", "nobody@example.com");
        assertThat(notFound.exitCode()).isEqualTo(2);
        assertThat(notFound.err()).containsExactly("ostor-s3-admin: The specified user does not exist. (HTTP 404)");
        answers.put("DELETE ostor-users&id=bf0b3b15eb7c9019",
                new Canned(409, "{\"Message\": \"x\"}", "The user owns buckets; delete them first."));
        CliRun conflict = cli("delete-user", "-i", "bf0b3b15eb7c9019");
        assertThat(conflict.exitCode()).isEqualTo(3);
        assertThat(conflict.err()).containsExactly("ostor-s3-admin: The user owns buckets; delete them first. (HTTP 409)");
        answer("GET ostor-buckets", 500, "<Error><Code>InternalError</Code><Message>We encountered an internal error."
                + "</Message></Error>");
        CliRun internal = cli("list-all-buckets");
        assertThat(internal.exitCode()).isEqualTo(6);
        assertThat(internal.err()).containsExactly("ostor-s3-admin: We encountered an internal error. (HTTP 500)");
        assertThat(internal.out()).isEmpty();
    }

    @Test
    void badSecret_isAnAuthErrorWithAHint() {
        CliRun run = CliRun.run(Map.of(), "query-users", "--endpoint", endpoint, "--access-key", KEY,
                "--secret-key", "wrong");
        assertThat(run.exitCode()).isEqualTo(4);
        assertThat(run.err()).hasSize(1);
        assertThat(run.err().get(0)).startsWith("ostor-s3-admin: The request signature we calculated does not match"
                + " the signature you provided. (HTTP 403); the access key and secret must be an enabled system user's");
    }

    @Test
    void credentials_flagsBeatEnvironment_environmentBeatsFile() throws IOException {
        answer("GET ostor-buckets", 200, "{\"Buckets\": []}");
        Path good = tmp.resolve("system-credentials");
        Files.writeString(good, "# Stowage system user\n# user_id = 0123456789abcdef\n[default]\naws_access_key_id = "
                + KEY + "\naws_secret_access_key = " + SECRET + "\n[other]\naws_access_key_id = X\n");
        Path bad = tmp.resolve("bad-credentials");
        Files.writeString(bad, "[default]\naws_access_key_id = " + KEY + "\naws_secret_access_key = wrong\n");

        assertThat(CliRun.run(Map.of("STOWAGE_CREDENTIALS_FILE", good.toString()), "list-all-buckets",
                "--endpoint", endpoint).exitCode()).isZero();
        assertThat(CliRun.run(Map.of(), "list-all-buckets", "--endpoint", endpoint, "--credentials-file",
                bad.toString()).exitCode()).isEqualTo(4);
        assertThat(CliRun.run(Map.of("STOWAGE_ACCESS_KEY", KEY, "STOWAGE_SECRET_KEY", SECRET,
                "STOWAGE_CREDENTIALS_FILE", bad.toString()), "list-all-buckets", "--endpoint", endpoint).exitCode())
                .isZero();
        assertThat(CliRun.run(Map.of("STOWAGE_ACCESS_KEY", KEY, "STOWAGE_SECRET_KEY", "wrong"), "list-all-buckets",
                "--endpoint", endpoint, "--access-key", KEY, "--secret-key", SECRET).exitCode()).isZero();
        CliRun half = CliRun.run(Map.of(), "list-all-buckets", "--endpoint", endpoint, "--access-key", KEY);
        assertThat(half.exitCode()).isEqualTo(1);
        assertThat(half.err()).containsExactly("ostor-s3-admin: --access-key needs --secret-key too");
        CliRun missing = CliRun.run(Map.of(), "list-all-buckets", "--endpoint", endpoint, "--credentials-file",
                tmp.resolve("absent").toString());
        assertThat(missing.exitCode()).isEqualTo(1);
        assertThat(missing.errText()).startsWith("ostor-s3-admin: cannot read the credentials file ").endsWith(": no such file");
    }

    @Test
    void listAllBuckets_printsTheTable() {
        answer("GET ostor-buckets", 200, """
                {"Buckets": [{"name": "data", "epoch": 3, "creation_date": "2017-01-31T16:18:57.000Z", "owner_id": "b81d6c5f895a8c86"}]}""");
        CliRun run = cli("list-all-buckets");
        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.out()).containsExactly(
                "BUCKET NAME OWNER ID         CREATION DATE            EPOCH",
                "data        b81d6c5f895a8c86 2017-01-31T16:18:57.000Z 3");
        answer("GET ostor-buckets&emailAddress=client@example.com", 200, "{\"Buckets\": []}");
        CliRun none = cli("list-all-buckets", "-e", "client@example.com");
        assertThat(none.exitCode()).as(none.toString()).isZero();
        assertThat(none.out()).containsExactly("BUCKET NAME OWNER ID CREATION DATE EPOCH");
    }

    @Test
    void unreachableGateway_isExitCode5() throws IOException {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        CliRun run = CliRun.run(Map.of("STOWAGE_ACCESS_KEY", KEY, "STOWAGE_SECRET_KEY", SECRET), "query-users",
                "--endpoint", "http://127.0.0.1:" + port);
        assertThat(run.exitCode()).isEqualTo(5);
        assertThat(run.err()).containsExactly(
                "ostor-s3-admin: cannot reach the gateway at http://127.0.0.1:" + port + " (connection refused)");
        CliRun unknownHost = CliRun.run(Map.of("STOWAGE_ACCESS_KEY", KEY, "STOWAGE_SECRET_KEY", SECRET), "query-users",
                "--endpoint", "http://no-such-host.invalid:9000");
        assertThat(unknownHost.exitCode()).isEqualTo(5);
        assertThat(unknownHost.err()).containsExactly("ostor-s3-admin: cannot reach the gateway at"
                + " http://no-such-host.invalid:9000 (unknown host no-such-host.invalid)");
    }

    @Test
    void notJsonAnswer_isAGatewayError() {
        answer("GET ostor-users", 200, "<html>hello</html>");
        CliRun run = cli("query-users");
        assertThat(run.exitCode()).isEqualTo(6);
        assertThat(run.errText()).contains("sent an answer that is not JSON");
    }

    @Test
    void usageErrors_areExitCode1_andSendNothing() {
        CliRun badEmail = cli("create-user", "-e", "not-an-email");
        assertThat(badEmail.exitCode()).isEqualTo(1);
        assertThat(badEmail.err()).containsExactly("ostor-s3-admin: invalid email address 'not-an-email'");
        CliRun both = cli("query-user-info", "-e", "a@b.c", "-i", "0123456789abcdef");
        assertThat(both.exitCode()).isEqualTo(1);
        assertThat(both.errText()).contains("mutually exclusive");
        CliRun neither = cli("delete-user");
        assertThat(neither.exitCode()).isEqualTo(1);
        assertThat(neither.errText()).contains("Missing required argument");
        CliRun noKey = cli("revoke-access-key", "-e", "a@b.c");
        assertThat(noKey.exitCode()).isEqualTo(1);
        assertThat(noKey.errText()).contains("'--key=ACCESS_KEY_ID'");
        CliRun unknown = cli("frobnicate");
        assertThat(unknown.exitCode()).isEqualTo(1);
        CliRun none = cli();
        assertThat(none.exitCode()).isEqualTo(1);
        assertThat(none.errText()).contains("a command is required").contains("create-user");
        CliRun badEndpoint = CliRun.run(Map.of(), "query-users", "--endpoint", "ftp://x");
        assertThat(badEndpoint.exitCode()).isEqualTo(1);
        assertThat(badEndpoint.errText()).contains("invalid endpoint 'ftp://x'");
        assertThat(seen).isEmpty();
    }

    @Test
    void help_forTheToolAndEveryCommand() {
        CliRun top = cli("--help");
        assertThat(top.exitCode()).isZero();
        assertThat(top.outText()).contains("Usage: ostor-s3-admin").contains("Exit codes:");
        for (String command : List.of("create-user", "query-users", "query-user-info", "disable-user", "enable-user",
                "delete-user", "gen-access-key", "revoke-access-key", "list-all-buckets", "set-limits", "query-limits",
                "rm-limits")) {
            CliRun help = cli(command, "--help");
            assertThat(help.exitCode()).as(command).isZero();
            assertThat(help.outText()).as(command).contains("Usage: ostor-s3-admin " + command)
                    .contains("--endpoint=URL").contains("--credentials-file=FILE");
            assertThat(top.outText()).contains(command);
        }
        assertThat(seen).isEmpty();
    }

    // ---- limits (seed section 2.2) ----

    private static final String LIMITS_GET_3600 = """
            {"ops:default": "0.00", "ops:get": "3600.00", "ops:put": "0.00", "ops:list": "0.00", "ops:delete": "0.00",
             "bandwidth:out": "0"}""";
    private static final String LIMITS_GET_3600_OUT_100 = """
            {"ops:default": "0.00", "ops:get": "3600.00", "ops:put": "0.00", "ops:list": "0.00", "ops:delete": "0.00",
             "bandwidth:out": "100"}""";
    private static final String LIMITS_NONE = """
            {"ops:default": "0.00", "ops:get": "0.00", "ops:put": "0.00", "ops:list": "0.00", "ops:delete": "0.00",
             "bandwidth:out": "0"}""";
    /** Sections 2.2.1 and 2.2.5. */
    private static final List<String> SEED_GET_3600 = List.of("ops:default=0.00ops/s", "ops:get=3600.00ops/s",
            "ops:put=0.00ops/s", "ops:list=0.00ops/s", "ops:delete=0.00ops/s", "bandwidth:out=0kbs/s");
    /** Sections 2.2.2, 2.2.3, 2.2.6 and 2.2.7. */
    private static final List<String> SEED_GET_3600_OUT_100 = List.of("ops:default=0.00ops/s", "ops:get=3600.00ops/s",
            "ops:put=0.00ops/s", "ops:list=0.00ops/s", "ops:delete=0.00ops/s", "bandwidth:out=100kbs/s");
    /** Sections 2.2.4 and 2.2.8. */
    private static final List<String> SEED_NONE = List.of("ops:default=0.00ops/s", "ops:get=0.00ops/s",
            "ops:put=0.00ops/s", "ops:list=0.00ops/s", "ops:delete=0.00ops/s", "bandwidth:out=0kbs/s");

    private CliRun ok(String... args) {
        CliRun run = cli(args);
        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.err()).as(run.toString()).isEmpty();
        return run;
    }

    @Test
    void setLimits_userOps_sendsTheServicesPut_signedOverOstorLimits_andPrintsSection2_2_1() {
        String put = "PUT ostor-limits&emailAddress=client@example.com&limit-type=ops&limit-resource=get&limit-value=3600";
        answer(put, 200, LIMITS_GET_3600);
        assertThat(ok("set-limits", "-e", "client@example.com", "-t", "ops", "-L", "get=3600").out())
                .containsExactlyElementsOf(SEED_GET_3600);
        assertThat(seen).singleElement().satisfies(request -> {
            assertThat(request.method() + " " + request.query()).isEqualTo(put);
            // the canonical resource is the service word only, as the seed's s3_curl signs it
            assertThat(request.authorization()).isEqualTo(SigV2.authorization(KEY, SECRET,
                    "PUT\n\n\n" + request.date() + "\n/?ostor-limits"));
        });
    }

    @Test
    void setLimits_userBandwidth_printsSection2_2_2() {
        answer("PUT ostor-limits&emailAddress=client@example.com&limit-type=bandwidth&limit-resource=out&limit-value=100",
                200, LIMITS_GET_3600_OUT_100);
        assertThat(ok("set-limits", "-e", "client@example.com", "-t", "bandwidth", "-L", "out=100").out())
                .containsExactlyElementsOf(SEED_GET_3600_OUT_100);
    }

    @Test
    void queryAndRmLimits_ofAUser_printSections2_2_3And2_2_4() {
        answer("GET ostor-limits&emailAddress=client@example.com", 200, LIMITS_GET_3600_OUT_100);
        answer("DELETE ostor-limits&emailAddress=client@example.com", 200, LIMITS_NONE);
        assertThat(ok("query-limits", "-e", "client@example.com").out()).containsExactlyElementsOf(SEED_GET_3600_OUT_100);
        assertThat(ok("rm-limits", "-e", "client@example.com").out()).containsExactlyElementsOf(SEED_NONE);
        assertThat(seen).map(Seen::method).containsExactly("GET", "DELETE");
        assertThat(seen).allSatisfy(request -> assertThat(request.authorization()).isEqualTo(SigV2.authorization(KEY,
                SECRET, request.method() + "\n\n\n" + request.date() + "\n/?ostor-limits")));
    }

    @Test
    void bucketLimits_setQueryRm_printSections2_2_5To2_2_8() {
        answer("PUT ostor-limits&bucket=example&limit-type=ops&limit-resource=get&limit-value=3600", 200, LIMITS_GET_3600);
        answer("PUT ostor-limits&bucket=example&limit-type=bandwidth&limit-resource=out&limit-value=100", 200,
                LIMITS_GET_3600_OUT_100);
        answer("GET ostor-limits&bucket=example", 200, LIMITS_GET_3600_OUT_100);
        answer("DELETE ostor-limits&bucket=example", 200, LIMITS_NONE);
        assertThat(ok("set-limits", "-b", "example", "-t", "ops", "-L", "get=3600").out())
                .containsExactlyElementsOf(SEED_GET_3600);
        assertThat(ok("set-limits", "-b", "example", "-t", "bandwidth", "-L", "out=100").out())
                .containsExactlyElementsOf(SEED_GET_3600_OUT_100);
        assertThat(ok("query-limits", "-b", "example").out()).containsExactlyElementsOf(SEED_GET_3600_OUT_100);
        assertThat(ok("rm-limits", "--bucket", "example").out()).containsExactlyElementsOf(SEED_NONE);
    }

    @Test
    void setLimits_severalL_sendOnePutEach_inOrder_andPrintTheLastAnswer() {
        answer("PUT ostor-limits&id=0123456789abcdef&limit-type=ops&limit-resource=get&limit-value=5", 200,
                "{\"ops:get\": \"5.00\"}");
        answer("PUT ostor-limits&id=0123456789abcdef&limit-type=ops&limit-resource=default&limit-value=0.5", 200, """
                {"ops:default": "0.50", "ops:get": "5.00", "ops:put": "0.00", "ops:list": "0.00", "ops:delete": "0.00",
                 "bandwidth:out": "0"}""");
        CliRun run = ok("set-limits", "-i", "0123456789abcdef", "-t", "OPS", "-L", "get=5", "--limit", "Default=0.5");
        assertThat(run.out()).containsExactly("ops:default=0.50ops/s", "ops:get=5.00ops/s", "ops:put=0.00ops/s",
                "ops:list=0.00ops/s", "ops:delete=0.00ops/s", "bandwidth:out=0kbs/s");
        assertThat(seen).map(r -> r.method() + " " + r.query()).containsExactly(
                "PUT ostor-limits&id=0123456789abcdef&limit-type=ops&limit-resource=get&limit-value=5",
                "PUT ostor-limits&id=0123456789abcdef&limit-type=ops&limit-resource=default&limit-value=0.5");
    }

    @Test
    void limits_numbersOrMissingMembers_areFormattedAsOstorDoes() {
        answer("GET ostor-limits&bucket=b1", 200, "{\"ops:get\": 0.5, \"ops:list\": 12, \"bandwidth:out\": 100}");
        assertThat(ok("query-limits", "-b", "b1").out()).containsExactly("ops:default=0.00ops/s", "ops:get=0.50ops/s",
                "ops:put=0.00ops/s", "ops:list=12.00ops/s", "ops:delete=0.00ops/s", "bandwidth:out=100kbs/s");
        // an answer without a body: the limits are asked for
        answer("DELETE ostor-limits&bucket=b2", 204, "");
        answer("GET ostor-limits&bucket=b2", 200, LIMITS_NONE);
        assertThat(ok("rm-limits", "-b", "b2").out()).containsExactlyElementsOf(SEED_NONE);
        answer("GET ostor-limits&bucket=b3", 200, "{\"ops:get\": \"fast\"}");
        CliRun bad = cli("query-limits", "-b", "b3");
        assertThat(bad.exitCode()).isEqualTo(6);
        assertThat(bad.err()).containsExactly("ostor-s3-admin: unexpected answer from the gateway: ops:get is not a"
                + " number: 'fast'");
        answer("GET ostor-limits&bucket=b4", 200, "[]");
        assertThat(cli("query-limits", "-b", "b4").exitCode()).isEqualTo(6);
    }

    @Test
    void limits_httpErrors_becomeTheirExitCodes() {
        answers.put("GET ostor-limits&bucket=nosuch", new Canned(404, "", "The specified bucket does not exist."));
        CliRun noBucket = cli("query-limits", "-b", "nosuch");
        assertThat(noBucket.exitCode()).isEqualTo(2);
        assertThat(noBucket.err()).containsExactly("ostor-s3-admin: The specified bucket does not exist. (HTTP 404)");
        assertThat(noBucket.out()).isEmpty();
        CliRun noUser = cli("set-limits", "-e", "nobody@example.com", "-t", "ops", "-L", "get=1");
        assertThat(noUser.exitCode()).isEqualTo(2);
        assertThat(noUser.err()).containsExactly("ostor-s3-admin: The specified user does not exist. (HTTP 404)");
        answers.put("PUT ostor-limits&bucket=b&limit-type=ops&limit-resource=get&limit-value=99999999999999999999",
                new Canned(400, "", "Invalid limit-value: too large."));
        CliRun refused = cli("set-limits", "-b", "b", "-t", "ops", "-L", "get=99999999999999999999");
        assertThat(refused.exitCode()).isEqualTo(1);
        assertThat(refused.err()).containsExactly("ostor-s3-admin: Invalid limit-value: too large. (HTTP 400)");
        CliRun denied = CliRun.run(Map.of(), "rm-limits", "-b", "b", "--endpoint", endpoint, "--access-key", KEY,
                "--secret-key", "wrong");
        assertThat(denied.exitCode()).isEqualTo(4);
        assertThat(denied.errText()).contains("(HTTP 403)");
    }

    @Test
    void limits_unreachableGateway_isExitCode5() throws IOException {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        CliRun run = CliRun.run(Map.of("STOWAGE_ACCESS_KEY", KEY, "STOWAGE_SECRET_KEY", SECRET), "query-limits",
                "-e", "client@example.com", "--endpoint", "http://127.0.0.1:" + port);
        assertThat(run.exitCode()).isEqualTo(5);
        assertThat(run.err()).containsExactly(
                "ostor-s3-admin: cannot reach the gateway at http://127.0.0.1:" + port + " (connection refused)");
    }

    @Test
    void limits_usageErrors_areExitCode1_andSendNothing() {
        Map<List<String>, String> cases = new java.util.LinkedHashMap<>();
        cases.put(List.of("set-limits", "-e", "a@b.cd", "-t", "iops", "-L", "get=1"),
                "invalid limit type 'iops': expected ops or bandwidth");
        cases.put(List.of("set-limits", "-e", "a@b.cd", "-t", "ops", "-L", "out=1"),
                "invalid ops limit key 'out': expected default, get, put, list, delete");
        cases.put(List.of("set-limits", "-b", "b", "-t", "bandwidth", "-L", "get=1"),
                "invalid bandwidth limit key 'get': expected out");
        cases.put(List.of("set-limits", "-b", "b", "-t", "ops", "-L", "get=-1"),
                "invalid value '-1' for ops:get: expected a non-negative number of operations per second (0 = unlimited)");
        cases.put(List.of("set-limits", "-b", "b", "-t", "ops", "-L", "get=abc"), "invalid value 'abc' for ops:get");
        cases.put(List.of("set-limits", "-b", "b", "-t", "ops", "-L", "get="), "invalid value '' for ops:get");
        cases.put(List.of("set-limits", "-b", "b", "-t", "ops", "-L", "get=1e3"), "invalid value '1e3' for ops:get");
        cases.put(List.of("set-limits", "-b", "b", "-t", "bandwidth", "-L", "out=1.5"),
                "invalid value '1.5' for bandwidth:out: expected a non-negative integer number of KB/s (0 = unlimited)");
        cases.put(List.of("set-limits", "-b", "b", "-t", "ops", "-L", "get"),
                "invalid limit 'get': expected key=value, one of default=, get=, put=, list=, delete=");
        cases.put(List.of("set-limits", "-b", "b", "-t", "ops", "-L", "get=1", "-L", "put=x"), "invalid value 'x'");
        cases.put(List.of("set-limits", "-b", "b", "-L", "get=1"), "Missing required option: '--type=TYPE'");
        cases.put(List.of("set-limits", "-b", "b", "-t", "ops"), "Missing required option: '--limit=KEY=VALUE'");
        cases.put(List.of("set-limits", "-t", "ops", "-L", "get=1"), "Missing required argument");
        cases.put(List.of("query-limits", "-e", "a@b.cd", "-b", "b"), "mutually exclusive");
        cases.put(List.of("rm-limits"), "Missing required argument");
        cases.put(List.of("query-limits", "-e", "not-an-email"), "invalid email address 'not-an-email'");
        cases.put(List.of("query-limits", "-b", " "), "the bucket name must not be empty");
        cases.put(List.of("rm-limits", "-i", ""), "the user id must not be empty");
        cases.forEach((args, message) -> {
            CliRun run = cli(args.toArray(String[]::new));
            assertThat(run.exitCode()).as(run.toString()).isEqualTo(1);
            assertThat(run.errText()).as(run.toString()).contains(message);
            assertThat(run.out()).as(run.toString()).isEmpty();
        });
        assertThat(seen).isEmpty();
    }
}
