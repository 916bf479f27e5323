package dev.stowage.ostor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stowage.accounts.UserState;
import dev.stowage.http.RequestHead;
import dev.stowage.ostor.OstorOperation.CreateUser;
import dev.stowage.ostor.OstorOperation.DeleteUser;
import dev.stowage.ostor.OstorOperation.GenerateKey;
import dev.stowage.ostor.OstorOperation.GetUser;
import dev.stowage.ostor.OstorOperation.ListAllBuckets;
import dev.stowage.ostor.OstorOperation.ListUsers;
import dev.stowage.ostor.OstorOperation.RevokeKey;
import dev.stowage.ostor.OstorOperation.SetUserState;
import dev.stowage.ostor.OstorOperation.Unsupported;
import dev.stowage.ostor.OstorOperation.DeleteUsage;
import dev.stowage.ostor.OstorOperation.GetUsage;
import dev.stowage.ostor.OstorOperation.ListUsage;
import dev.stowage.ostor.UserSelector.ByEmail;
import dev.stowage.ostor.UserSelector.ById;
import dev.stowage.ostor.error.OstorError;
import dev.stowage.ostor.error.OstorException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The ostor parser as a table: the seed's requests (sections 3.2, 4.2) and the ostor reference's, and the refusals. */
class OstorParserTest {
    private static final String E = "client@example.com";

    /** A request head as the route builds it: path-style, the query decoded into parameters. */
    static RequestHead head(String method, String target) {
        int q = target.indexOf('?');
        String path = q < 0 ? target : target.substring(0, q);
        String rawQuery = q < 0 ? "" : target.substring(q + 1);
        List<RequestHead.QueryParam> params = new ArrayList<>();
        for (String part : rawQuery.split("&")) {
            if (part.isEmpty()) {
                continue;
            }
            int eq = part.indexOf('=');
            params.add(eq < 0 ? new RequestHead.QueryParam(decode(part), null)
                    : new RequestHead.QueryParam(decode(part.substring(0, eq)), decode(part.substring(eq + 1))));
        }
        String[] segments = path.substring(1).split("/", 2);
        String bucket = segments[0].isEmpty() ? null : segments[0];
        String key = segments.length > 1 && !segments[1].isEmpty() ? segments[1] : null;
        return new RequestHead(method, path, rawQuery, params, Map.of(), bucket, key, false, "test");
    }

    private static String decode(String s) {
        return URLDecoder.decode(s, StandardCharsets.UTF_8);
    }

    private static OstorOperation parse(String method, String target) {
        return OstorParser.parse(head(method, target));
    }

    @Test
    void theSeedsRequests_parseToTheirActions() {
        assertThat(parse("PUT", "/?ostor-users&emailAddress=" + E)).isEqualTo(new CreateUser(E, false));
        assertThat(parse("GET", "/?ostor-users")).isEqualTo(new ListUsers());
        assertThat(parse("GET", "/?ostor-users&emailAddress=" + E)).isEqualTo(new GetUser(new ByEmail(E)));
        assertThat(parse("POST", "/?ostor-users&emailAddress=" + E + "&disable"))
                .isEqualTo(new SetUserState(new ByEmail(E), UserState.DISABLED));
        assertThat(parse("POST", "/?ostor-users&emailAddress=" + E + "&enable"))
                .isEqualTo(new SetUserState(new ByEmail(E), UserState.ENABLED));
        assertThat(parse("DELETE", "/?ostor-users&emailAddress=" + E)).isEqualTo(new DeleteUser(new ByEmail(E)));
        assertThat(parse("POST", "/?ostor-users&emailAddress=" + E + "&genKey")).isEqualTo(new GenerateKey(new ByEmail(E)));
        assertThat(parse("POST", "/?ostor-users&emailAddress=" + E + "&revokeKey=ca55631f9f3d59dcZMDX"))
                .isEqualTo(new RevokeKey(new ByEmail(E), "ca55631f9f3d59dcZMDX"));
    }

    @Test
    void theReferencesOtherForms_parseToo() {
        assertThat(parse("GET", "/?ostor-users&id=fc06056891f36588")).isEqualTo(new GetUser(new ById("fc06056891f36588")));
        assertThat(parse("POST", "/?ostor-users&id=fc06056891f36588&disable"))
                .isEqualTo(new SetUserState(new ById("fc06056891f36588"), UserState.DISABLED));
        assertThat(parse("DELETE", "/?ostor-users&id=fc06056891f36588")).isEqualTo(new DeleteUser(new ById("fc06056891f36588")));
        assertThat(parse("GET", "/?ostor-buckets")).isEqualTo(new ListAllBuckets(null));
        assertThat(parse("GET", "/?ostor-buckets&emailAddress=" + E)).isEqualTo(new ListAllBuckets(new ByEmail(E)));
        assertThat(parse("GET", "/?ostor-buckets&id=ba7eba06129464c5")).isEqualTo(new ListAllBuckets(new ById("ba7eba06129464c5")));
    }

    @Test
    void systemUserCreation_isTheSystemWord() {
        assertThat(parse("PUT", "/?ostor-users&emailAddress=" + E + "&system")).isEqualTo(new CreateUser(E, true));
        assertThat(parse("PUT", "/?ostor-users&emailAddress=" + E + "&system=true")).isEqualTo(new CreateUser(E, true));
        assertThat(parse("PUT", "/?ostor-users&emailAddress=" + E + "&system=0")).isEqualTo(new CreateUser(E, false));
    }

    @Test
    void percentEncodedEmailsAndUnknownParameters_areFine() {
        assertThat(parse("GET", "/?ostor-users&emailAddress=client%40example.com")).isEqualTo(new GetUser(new ByEmail(E)));
        // a V2 presigned request carries its signature in the query
        assertThat(parse("GET", "/?ostor-users&AWSAccessKeyId=k&Expires=1&Signature=s")).isEqualTo(new ListUsers());
    }

    @Test
    void ostorUsage_parsesListGetAndDelete() {
        String obj = "s3-usage-8000000000000065-2017-02-01T16:31:54.000Z-1800";
        assertThat(parse("GET", "/?ostor-usage")).isEqualTo(new ListUsage(null, OstorParser.MAX_USAGE_PAGE));
        assertThat(parse("GET", "/?ostor-usage&after=" + obj + "&limit=2")).isEqualTo(new ListUsage(obj, 2));
        assertThat(parse("GET", "/?ostor-usage&limit=5000")).isEqualTo(new ListUsage(null, OstorParser.MAX_USAGE_PAGE));
        assertThat(parse("GET", "/?ostor-usage&obj=" + obj)).isEqualTo(new GetUsage(obj));
        assertThat(parse("DELETE", "/?ostor-usage&obj=" + obj)).isEqualTo(new DeleteUsage(obj));
        assertThat(parse("GET", "/?ostor-something")).isEqualTo(new Unsupported("ostor-something"));
    }

    @Test
    void ostorUsage_badParameters_areInvalidArgumentOrMethodNotAllowed() {
        for (String bad : List.of("/?ostor-usage&limit=0", "/?ostor-usage&limit=-1", "/?ostor-usage&limit=x",
                "/?ostor-usage&obj=", "/?ostor-usage&obj=a&limit=1")) {
            assertThatThrownBy(() -> parse("GET", bad)).as(bad).isInstanceOfSatisfying(OstorException.class,
                    e -> assertThat(e.error()).isEqualTo(OstorError.INVALID_ARGUMENT));
        }
        assertThatThrownBy(() -> parse("DELETE", "/?ostor-usage")).isInstanceOfSatisfying(OstorException.class,
                e -> assertThat(e.error()).isEqualTo(OstorError.INVALID_ARGUMENT));
        assertThatThrownBy(() -> parse("PUT", "/?ostor-usage&obj=a")).isInstanceOfSatisfying(OstorException.class,
                e -> assertThat(e.error()).isEqualTo(OstorError.METHOD_NOT_ALLOWED));
    }

    @Test
    void ostorBuckets_byBucket() {
        assertThat(parse("GET", "/?ostor-buckets&bucket=b1")).isEqualTo(new ListAllBuckets(null, "b1"));
    }

    @Test
    void isOstor_looksForAnyOstorWord() {
        assertThat(OstorParser.isOstor(head("GET", "/?ostor-users"))).isTrue();
        assertThat(OstorParser.isOstor(head("GET", "/?emailAddress=a&ostor-usage"))).isTrue();
        assertThat(OstorParser.isOstor(head("GET", "/"))).isFalse();
        assertThat(OstorParser.isOstor(head("GET", "/bucket?prefix=ostor-users"))).isFalse();
    }

    @ParameterizedTest(name = "{0} {1} -> {2}")
    @CsvSource(delimiter = '|', value = {
        "GET    | /?ostor-users&emailAddress=client@example.com&id=0123456789abcdef | INVALID_ARGUMENT",
        "GET    | /?ostor-users&emailAddress=                                      | INVALID_ARGUMENT",
        "GET    | /?ostor-users&id                                                  | INVALID_ARGUMENT",
        "GET    | /?ostor-users&emailAddress=client@example.com&disable             | INVALID_ARGUMENT",
        "PUT    | /?ostor-users                                                     | INVALID_ARGUMENT",
        "PUT    | /?ostor-users&id=0123456789abcdef                                 | INVALID_ARGUMENT",
        "PUT    | /?ostor-users&emailAddress=client@example.com&genKey              | INVALID_ARGUMENT",
        "PUT    | /?ostor-users&emailAddress=client@example.com&system=perhaps      | INVALID_ARGUMENT",
        "POST   | /?ostor-users&emailAddress=client@example.com                     | INVALID_ARGUMENT",
        "POST   | /?ostor-users&disable                                             | INVALID_ARGUMENT",
        "POST   | /?ostor-users&emailAddress=client@example.com&disable&enable      | INVALID_ARGUMENT",
        "POST   | /?ostor-users&emailAddress=client@example.com&genKey&revokeKey=K  | INVALID_ARGUMENT",
        "POST   | /?ostor-users&emailAddress=client@example.com&revokeKey           | INVALID_ARGUMENT",
        "POST   | /?ostor-users&emailAddress=client@example.com&revokeKey=          | INVALID_ARGUMENT",
        "DELETE | /?ostor-users                                                     | INVALID_ARGUMENT",
        "DELETE | /?ostor-users&id=0123456789abcdef&enable                          | INVALID_ARGUMENT",
        "GET    | /?ostor-users&ostor-buckets                                       | INVALID_ARGUMENT",
        "GET    | /bucket?ostor-users                                               | INVALID_ARGUMENT",
        "GET    | /bucket/key?ostor-buckets                                         | INVALID_ARGUMENT",
        "GET    | /bucket?ostor-limits                                              | INVALID_ARGUMENT",
        "HEAD   | /?ostor-users                                                     | METHOD_NOT_ALLOWED",
        "PATCH  | /?ostor-users&emailAddress=client@example.com                     | METHOD_NOT_ALLOWED",
        "PUT    | /?ostor-buckets                                                   | METHOD_NOT_ALLOWED",
        "DELETE | /?ostor-buckets&emailAddress=client@example.com                   | METHOD_NOT_ALLOWED",
    })
    void malformedRequests_areRefused(String method, String target, OstorError expected) {
        assertThatThrownBy(() -> parse(method, target))
                .isInstanceOfSatisfying(OstorException.class, e -> {
                    assertThat(e.error()).isEqualTo(expected);
                    assertThat(e.getMessage()).isNotBlank();
                });
    }
}
