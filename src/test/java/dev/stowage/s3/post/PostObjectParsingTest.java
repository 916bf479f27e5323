package dev.stowage.s3.post;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stowage.http.RequestHead;
import dev.stowage.metering.S3Actions;
import dev.stowage.s3.S3Operation;
import dev.stowage.s3.S3OperationParser;
import dev.stowage.s3.error.S3ErrorCode;
import dev.stowage.s3.error.S3Exception;
import dev.stowage.usage.UsageClass;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Which requests are POST Object, and the names it is counted and metered under. */
class PostObjectParsingTest {

    private static RequestHead post(String contentType, String query) {
        Map<String, List<String>> headers = contentType == null ? Map.of() : Map.of("content-type", List.of(contentType));
        List<RequestHead.QueryParam> params = query == null ? List.of() : List.of(new RequestHead.QueryParam(query, null));
        return new RequestHead("POST", "/photos", query == null ? "" : query, params, headers, "photos", null, false, "id");
    }

    @Test
    void parse_formPostToABucket_isPostObject() {
        S3Operation op = S3OperationParser.parse(post("Multipart/Form-Data; boundary=abc", null));

        assertThat(op).isEqualTo(new S3Operation.PostObject("photos"));
        assertThat(op.permission()).isEqualTo(S3Operation.Permission.WRITE);
    }

    @Test
    void parse_otherPostsToABucket_areDeleteObjectsOrMethodNotAllowed() {
        assertThat(S3OperationParser.parse(post("multipart/form-data; boundary=abc", "delete")))
                .isInstanceOf(S3Operation.DeleteObjects.class);
        assertThatThrownBy(() -> S3OperationParser.parse(post("application/xml", null)))
                .isInstanceOfSatisfying(S3Exception.class,
                        e -> assertThat(e.error()).isEqualTo(S3ErrorCode.METHOD_NOT_ALLOWED));
    }

    @Test
    void postObject_countsAsAPut_andIsMeteredAsPutObject() {
        assertThat(UsageClass.of("PostObject")).isEqualTo(UsageClass.PUT);
        assertThat(S3Actions.utapiKey("PostObject")).isEqualTo("s3:PutObject");
        assertThat(S3Actions.operationKeys()).doesNotContain("s3:PostObject");
    }
}
