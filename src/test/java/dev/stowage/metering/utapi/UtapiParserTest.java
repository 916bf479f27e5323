package dev.stowage.metering.utapi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** ListMetrics requests validated as UTAPI validates them (its README's 15-minute rules, its error table). */
class UtapiParserTest {
    private static final long START = 1476231300000L; // 2016-10-12T00:15:00Z, UTAPI README's start example
    private static final long END = 1476233099999L; // 00:44:59.999, its end example
    private static final long NOW = END + 10_000_000L;

    private static ListMetricsRequest parse(String path, String body) {
        return UtapiParser.parse("POST", path, "ListMetrics", body, NOW);
    }

    private static UtapiError errorOf(Runnable call) {
        try {
            call.run();
        } catch (UtapiException e) {
            return e.error();
        }
        throw new AssertionError("no error");
    }

    @Test
    void listMetrics_readmeExample_parses() {
        ListMetricsRequest r = parse("/buckets", "{\"buckets\":[\"demo\",\"demo\",\"other\"],\"timeRange\":[" + START + ","
                + END + "]}");
        assertThat(r.level()).isEqualTo(UtapiLevel.BUCKETS);
        assertThat(r.resources()).containsExactly("demo", "other");
        assertThat(r.start()).isEqualTo(START);
        assertThat(r.end()).isEqualTo(END);
    }

    @Test
    void listMetrics_withoutEnd_endsNow() {
        assertThat(parse("/accounts", "{\"accounts\":[\"a\"],\"timeRange\":[" + START + "]}").end()).isEqualTo(NOW);
    }

    @Test
    void listMetrics_startNotOnQuarterHour_isInvalidParameterValue() {
        assertThatThrownBy(() -> parse("/buckets", "{\"buckets\":[\"b\"],\"timeRange\":[" + (START + 60_000) + "," + END
                + "]}")).isInstanceOf(UtapiException.class).hasMessageContaining("start must be one of");
        assertThat(errorOf(() -> parse("/buckets", "{\"buckets\":[\"b\"],\"timeRange\":[" + (START + 1) + "]}")))
                .isEqualTo(UtapiError.INVALID_PARAMETER_VALUE);
    }

    @Test
    void listMetrics_endNotOnQuarterHourEnd_isInvalidParameterValue() {
        assertThat(errorOf(() -> parse("/buckets", "{\"buckets\":[\"b\"],\"timeRange\":[" + START + "," + (END + 1)
                + "]}"))).isEqualTo(UtapiError.INVALID_PARAMETER_VALUE);
    }

    @Test
    void listMetrics_startAfterEnd_isInvalidParameterValue() {
        assertThat(errorOf(() -> parse("/buckets", "{\"buckets\":[\"b\"],\"timeRange\":[" + (END + 1) + ","
                + (START - 1) + "]}"))).isEqualTo(UtapiError.INVALID_PARAMETER_VALUE);
    }

    @Test
    void listMetrics_missingTimeRangeOrLevel_isMissingParameter() {
        assertThat(errorOf(() -> parse("/buckets", "{\"buckets\":[\"b\"]}"))).isEqualTo(UtapiError.MISSING_PARAMETER);
        assertThat(errorOf(() -> parse("/users", "{\"buckets\":[\"b\"],\"timeRange\":[" + START + "]}")))
                .isEqualTo(UtapiError.MISSING_PARAMETER);
    }

    @Test
    void listMetrics_badBodies_areInvalidParameterValue() {
        assertThat(errorOf(() -> parse("/buckets", "not json"))).isEqualTo(UtapiError.INVALID_PARAMETER_VALUE);
        assertThat(errorOf(() -> parse("/buckets", "{\"buckets\":[],\"timeRange\":[" + START + "]}")))
                .isEqualTo(UtapiError.INVALID_PARAMETER_VALUE);
        assertThat(errorOf(() -> parse("/buckets", "{\"buckets\":[1],\"timeRange\":[" + START + "]}")))
                .isEqualTo(UtapiError.INVALID_PARAMETER_VALUE);
        assertThat(errorOf(() -> parse("/buckets", "{\"buckets\":[\"b\"],\"timeRange\":[\"x\"]}")))
                .isEqualTo(UtapiError.INVALID_PARAMETER_VALUE);
        assertThat(errorOf(() -> parse("/service", "{\"service\":[\"iam\"],\"timeRange\":[" + START + "]}")))
                .isEqualTo(UtapiError.INVALID_PARAMETER_VALUE);
    }

    @Test
    void listMetrics_101Buckets_isValidationError_100Pass() {
        String hundred = IntStream.range(0, 100).mapToObj(i -> "\"b" + i + "\"").collect(Collectors.joining(","));
        assertThat(parse("/buckets", "{\"buckets\":[" + hundred + "],\"timeRange\":[" + START + "]}").resources())
                .hasSize(100);
        assertThat(errorOf(() -> parse("/buckets", "{\"buckets\":[" + hundred + ",\"b100\"],\"timeRange\":[" + START
                + "]}"))).isEqualTo(UtapiError.VALIDATION_ERROR);
    }

    @Test
    void listMetrics_actionMissingOrWrong_isMissingActionOrInvalidAction() {
        assertThat(errorOf(() -> UtapiParser.parse("POST", "/buckets", null, "{}", NOW)))
                .isEqualTo(UtapiError.MISSING_ACTION);
        assertThat(errorOf(() -> UtapiParser.parse("POST", "/buckets", "ListRecords", "{}", NOW)))
                .isEqualTo(UtapiError.INVALID_ACTION);
        assertThat(errorOf(() -> UtapiParser.parse("GET", "/buckets", "ListMetrics", "{}", NOW)))
                .isEqualTo(UtapiError.INVALID_ACTION);
        assertThat(errorOf(() -> UtapiParser.parse("POST", "/objects", "ListMetrics", "{}", NOW)))
                .isEqualTo(UtapiError.INVALID_ACTION);
    }
}
