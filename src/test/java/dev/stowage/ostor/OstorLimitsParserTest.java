package dev.stowage.ostor;

import static dev.stowage.ostor.OstorParserTest.head;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stowage.limits.LimitKey;
import dev.stowage.ostor.OstorOperation.DeleteLimits;
import dev.stowage.ostor.OstorOperation.GetLimits;
import dev.stowage.ostor.OstorOperation.SetLimit;
import dev.stowage.ostor.UserSelector.ByEmail;
import dev.stowage.ostor.UserSelector.ById;
import dev.stowage.ostor.error.OstorError;
import dev.stowage.ostor.error.OstorException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** ostor-limits parsing as a table: the guide's requests (3.3, 4.3), the older form, and every refusal. */
class OstorLimitsParserTest {
    private static final String E = "client@example.com";
    private static final LimitTarget USER = new LimitTarget.User(new ByEmail(E));
    private static final LimitTarget BUCKET = new LimitTarget.Bucket("client");

    private static OstorOperation parse(String method, String target) {
        return OstorParser.parse(head(method, target));
    }

    @Test
    void theGuidesRequests_parseToTheirActions() {
        assertThat(parse("PUT", "/?ostor-limits&emailAddress=" + E + "&limit-type=ops&limit-resource=get&limit-value=3600"))
                .isEqualTo(new SetLimit(USER, LimitKey.OPS_GET, 3600));
        assertThat(parse("PUT", "/?ostor-limits&emailAddress=" + E + "&limit-type=bandwidth&limit-resource=out"
                + "&limit-value=100")).isEqualTo(new SetLimit(USER, LimitKey.BANDWIDTH_OUT, 100));
        assertThat(parse("GET", "/?ostor-limits&emailAddress=" + E)).isEqualTo(new GetLimits(USER));
        assertThat(parse("DELETE", "/?ostor-limits&emailAddress=" + E)).isEqualTo(new DeleteLimits(USER));
        assertThat(parse("PUT", "/?ostor-limits&bucket=client&limit-type=ops&limit-resource=get&limit-value=3600"))
                .isEqualTo(new SetLimit(BUCKET, LimitKey.OPS_GET, 3600));
        assertThat(parse("PUT", "/?ostor-limits&bucket=client&limit-type=bandwidth&limit-resource=out&limit-value=100"))
                .isEqualTo(new SetLimit(BUCKET, LimitKey.BANDWIDTH_OUT, 100));
        assertThat(parse("GET", "/?ostor-limits&bucket=client")).isEqualTo(new GetLimits(BUCKET));
        assertThat(parse("DELETE", "/?ostor-limits&bucket=client")).isEqualTo(new DeleteLimits(BUCKET));
    }

    @Test
    void everyOpsResourceAndTheIdSelector_parse() {
        LimitTarget byId = new LimitTarget.User(new ById("fc06056891f36588"));
        for (LimitKey key : LimitKey.values()) {
            assertThat(parse("PUT", "/?ostor-limits&id=fc06056891f36588&limit-type=" + key.type() + "&limit-resource="
                    + key.resource() + "&limit-value=7")).isEqualTo(new SetLimit(byId, key, 7));
        }
        assertThat(parse("GET", "/?ostor-limits&id=fc06056891f36588")).isEqualTo(new GetLimits(byId));
    }

    @Test
    void theOlderForm_parsesToo() {
        assertThat(parse("PUT", "/?ostor-limits&emailAddress=" + E + "&ops&get=3600"))
                .isEqualTo(new SetLimit(USER, LimitKey.OPS_GET, 3600));
        assertThat(parse("PUT", "/?ostor-limits&emailAddress=" + E + "&ops&default=5"))
                .isEqualTo(new SetLimit(USER, LimitKey.OPS_DEFAULT, 5));
        assertThat(parse("PUT", "/?ostor-limits&bucket=client&bandwidth&out=100"))
                .isEqualTo(new SetLimit(BUCKET, LimitKey.BANDWIDTH_OUT, 100));
        assertThat(parse("PUT", "/?ostor-limits&bucket=client&delete=2.5&ops"))
                .isEqualTo(new SetLimit(BUCKET, LimitKey.OPS_DELETE, 2.5));
    }

    @ParameterizedTest(name = "ops {0} -> {1}")
    @CsvSource({"0, 0", "3600, 3600", "3600.00, 3600", "0.5, 0.5", "0.125, 0.13", "0.01, 0.01", "1000000000, 1e9",
        "007, 7", "1., 1", ".5, 0.5"})
    void opsValues_areKeptToTwoDecimals(String raw, double expected) {
        assertThat(LimitsParser.value(LimitKey.OPS_GET, raw)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0} {1} -> {2}")
    @CsvSource(delimiter = '|', value = {
        // subject
        "GET    | /?ostor-limits                                                                  | INVALID_ARGUMENT",
        "GET    | /?ostor-limits&emailAddress=client@example.com&bucket=client                    | INVALID_ARGUMENT",
        "GET    | /?ostor-limits&id=fc06056891f36588&bucket=client                                | INVALID_ARGUMENT",
        "GET    | /?ostor-limits&emailAddress=client@example.com&id=fc06056891f36588              | INVALID_ARGUMENT",
        "GET    | /?ostor-limits&bucket=                                                          | INVALID_ARGUMENT",
        "DELETE | /?ostor-limits&bucket                                                           | INVALID_ARGUMENT",
        "PUT    | /?ostor-limits&limit-type=ops&limit-resource=get&limit-value=1                  | INVALID_ARGUMENT",
        // the limit
        "PUT    | /?ostor-limits&bucket=b                                                         | INVALID_ARGUMENT",
        "PUT    | /?ostor-limits&bucket=b&limit-type=ops&limit-resource=get                       | INVALID_ARGUMENT",
        "PUT    | /?ostor-limits&bucket=b&limit-type=ops&limit-resource=get&limit-value           | INVALID_ARGUMENT",
        "PUT    | /?ostor-limits&bucket=b&limit-type=ops&limit-resource=get&limit-value=          | INVALID_ARGUMENT",
        "PUT    | /?ostor-limits&bucket=b&limit-type=ops&limit-value=1                            | INVALID_ARGUMENT",
        "PUT    | /?ostor-limits&bucket=b&limit-resource=get&limit-value=1                        | INVALID_ARGUMENT",
        "PUT    | /?ostor-limits&bucket=b&limit-type=iops&limit-resource=get&limit-value=1        | INVALID_ARGUMENT",
        "PUT    | /?ostor-limits&bucket=b&limit-type=ops&limit-resource=head&limit-value=1        | INVALID_ARGUMENT",
        "PUT    | /?ostor-limits&bucket=b&limit-type=ops&limit-resource=out&limit-value=1         | INVALID_ARGUMENT",
        "PUT    | /?ostor-limits&bucket=b&limit-type=bandwidth&limit-resource=in&limit-value=1    | INVALID_ARGUMENT",
        "PUT    | /?ostor-limits&bucket=b&limit-type=bandwidth&limit-resource=get&limit-value=1   | INVALID_ARGUMENT",
        // the value
        "PUT    | /?ostor-limits&bucket=b&limit-type=ops&limit-resource=get&limit-value=-1        | INVALID_ARGUMENT",
        "PUT    | /?ostor-limits&bucket=b&limit-type=ops&limit-resource=get&limit-value=NaN       | INVALID_ARGUMENT",
        "PUT    | /?ostor-limits&bucket=b&limit-type=ops&limit-resource=get&limit-value=Infinity  | INVALID_ARGUMENT",
        "PUT    | /?ostor-limits&bucket=b&limit-type=ops&limit-resource=get&limit-value=abc       | INVALID_ARGUMENT",
        "PUT    | /?ostor-limits&bucket=b&limit-type=ops&limit-resource=get&limit-value=1e3       | INVALID_ARGUMENT",
        "PUT    | /?ostor-limits&bucket=b&limit-type=ops&limit-resource=get&limit-value=0x10      | INVALID_ARGUMENT",
        "PUT    | /?ostor-limits&bucket=b&limit-type=ops&limit-resource=get&limit-value=1.2.3     | INVALID_ARGUMENT",
        "PUT    | /?ostor-limits&bucket=b&limit-type=ops&limit-resource=get&limit-value=.         | INVALID_ARGUMENT",
        "PUT    | /?ostor-limits&bucket=b&limit-type=ops&limit-resource=get&limit-value=%2B5      | INVALID_ARGUMENT",
        "PUT    | /?ostor-limits&bucket=b&limit-type=ops&limit-resource=get&limit-value=0.001     | INVALID_ARGUMENT",
        "PUT    | /?ostor-limits&bucket=b&limit-type=ops&limit-resource=get&limit-value=1000000001| INVALID_ARGUMENT",
        "PUT    | /?ostor-limits&bucket=b&limit-type=bandwidth&limit-resource=out&limit-value=1.5 | INVALID_ARGUMENT",
        "PUT    | /?ostor-limits&bucket=b&limit-type=bandwidth&limit-resource=out&limit-value=-100| INVALID_ARGUMENT",
        "PUT    | /?ostor-limits&bucket=b&limit-type=bandwidth&limit-resource=out&limit-value=1e2 | INVALID_ARGUMENT",
        // the older form
        "PUT    | /?ostor-limits&bucket=b&ops                                                     | INVALID_ARGUMENT",
        "PUT    | /?ostor-limits&bucket=b&ops&get                                                 | INVALID_ARGUMENT",
        "PUT    | /?ostor-limits&bucket=b&ops&get=-5                                              | INVALID_ARGUMENT",
        "PUT    | /?ostor-limits&bucket=b&ops&get=1&put=2                                         | INVALID_ARGUMENT",
        "PUT    | /?ostor-limits&bucket=b&ops&out=100                                             | INVALID_ARGUMENT",
        "PUT    | /?ostor-limits&bucket=b&bandwidth&get=100                                       | INVALID_ARGUMENT",
        "PUT    | /?ostor-limits&bucket=b&bandwidth&out=abc                                       | INVALID_ARGUMENT",
        "PUT    | /?ostor-limits&bucket=b&ops&bandwidth&get=1                                     | INVALID_ARGUMENT",
        "PUT    | /?ostor-limits&bucket=b&ops&get=1&limit-type=ops&limit-resource=get&limit-value=1 | INVALID_ARGUMENT",
        // settings on GET and DELETE, methods, the path
        "GET    | /?ostor-limits&bucket=b&limit-type=ops&limit-resource=get&limit-value=1         | INVALID_ARGUMENT",
        "DELETE | /?ostor-limits&bucket=b&ops&get=1                                               | INVALID_ARGUMENT",
        "POST   | /?ostor-limits&bucket=b&limit-type=ops&limit-resource=get&limit-value=1         | METHOD_NOT_ALLOWED",
        "HEAD   | /?ostor-limits&bucket=b                                                         | METHOD_NOT_ALLOWED",
        "GET    | /b?ostor-limits&bucket=b                                                        | INVALID_ARGUMENT",
    })
    void malformedRequests_areRefusedWithAMessage(String method, String target, OstorError expected) {
        assertThatThrownBy(() -> parse(method, target))
                .isInstanceOfSatisfying(OstorException.class, e -> {
                    assertThat(e.error()).isEqualTo(expected);
                    assertThat(e.getMessage()).isNotBlank();
                });
    }

    @Test
    void messagesSayWhatIsWrong() {
        assertThatThrownBy(() -> parse("PUT", "/?ostor-limits&bucket=b&limit-type=ops&limit-resource=get&limit-value=-1"))
                .hasMessageContaining("ops:get").hasMessageContaining("'-1'");
        assertThatThrownBy(() -> parse("PUT", "/?ostor-limits&bucket=b&limit-type=ops&limit-resource=head&limit-value=1"))
                .hasMessageContaining("default, get, put, list or delete");
        assertThatThrownBy(() -> parse("PUT", "/?ostor-limits&bucket=b&limit-type=bandwidth&limit-resource=out"
                + "&limit-value=1.5")).hasMessageContaining("whole number");
        assertThatThrownBy(() -> parse("GET", "/?ostor-limits"))
                .hasMessageContaining("emailAddress=E, id=ID or bucket=NAME");
    }
}
