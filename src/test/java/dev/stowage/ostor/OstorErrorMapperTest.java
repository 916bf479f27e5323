package dev.stowage.ostor;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stowage.accounts.InvalidEmailException;
import dev.stowage.accounts.NoSuchAccessKeyException;
import dev.stowage.accounts.NoSuchUserException;
import dev.stowage.accounts.TooManyAccessKeysException;
import dev.stowage.accounts.UserAlreadyExistsException;
import dev.stowage.accounts.UserOwnsBucketsException;
import dev.stowage.http.RequestHead;
import dev.stowage.ostor.error.OstorError;
import dev.stowage.ostor.error.OstorErrorMapper;
import dev.stowage.ostor.error.OstorException;
import dev.stowage.s3.S3Response;
import dev.stowage.s3.error.S3ErrorCode;
import dev.stowage.s3.error.S3Exception;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The one error mapper of the ostor surface: codes, statuses, the message header and the JSON body. */
class OstorErrorMapperTest {
    private static final RequestHead GET = OstorParserTest.head("GET", "/?ostor-users&emailAddress=a@b.c");

    private static Map<String, String> headers(S3Response r) {
        Map<String, String> h = new java.util.HashMap<>();
        r.headers().forEach(e -> h.put(e.getKey(), e.getValue()));
        return h;
    }

    private static String body(S3Response r) {
        return new String(((S3Response.Bytes) r.body()).data(), StandardCharsets.UTF_8);
    }

    @Test
    void accountConditions_mapToTheirCodesAndStatuses() {
        assertThat(OstorErrorMapper.translate(new NoSuchUserException("x"), GET)).extracting("code", "status")
                .containsExactly("NoSuchUser", 404);
        assertThat(OstorErrorMapper.translate(new UserAlreadyExistsException("x"), GET)).extracting("code", "status")
                .containsExactly("UserAlreadyExists", 409);
        assertThat(OstorErrorMapper.translate(new InvalidEmailException("x"), GET)).extracting("code", "status")
                .containsExactly("InvalidEmail", 400);
        assertThat(OstorErrorMapper.translate(new TooManyAccessKeysException("x"), GET)).extracting("code", "status")
                .containsExactly("TooManyAccessKeys", 409);
        assertThat(OstorErrorMapper.translate(new NoSuchAccessKeyException("x"), GET)).extracting("code", "status")
                .containsExactly("NoSuchAccessKey", 404);
        assertThat(OstorErrorMapper.translate(new UserOwnsBucketsException("x"), GET)).extracting("code", "status")
                .containsExactly("UserOwnsBuckets", 409);
    }

    @Test
    void anError_hasTheMessageInXAmzErrMessage_andAJsonBody() {
        S3Response r = OstorErrorMapper.render(new NoSuchUserException("There is no user with emailAddress=a@b.c."), GET);

        assertThat(r.status()).isEqualTo(404);
        assertThat(headers(r)).containsEntry("X-Amz-Err-Message", "There is no user with emailAddress=a@b.c.")
                .containsEntry("X-Amz-Err-Code", "NoSuchUser");
        assertThat(((S3Response.Bytes) r.body()).contentType()).isEqualTo("application/json");
        assertThat(body(r)).isEqualTo("""
                {
                    "Code": "NoSuchUser",
                    "Message": "There is no user with emailAddress=a@b.c.",
                    "RequestId": "test"
                }
                """);
    }

    @Test
    void authenticationFailures_keepTheirS3CodeAndStatus() {
        S3Response r = OstorErrorMapper.render(new S3Exception(S3ErrorCode.SIGNATURE_DOES_NOT_MATCH)
                .element("StringToSign", "GET\n\n\nd\n/?ostor-users"), GET);

        assertThat(r.status()).isEqualTo(403);
        assertThat(headers(r)).containsEntry("X-Amz-Err-Code", "SignatureDoesNotMatch");
        assertThat(body(r)).contains("\"StringToSign\": \"GET\\n\\n\\nd\\n/?ostor-users\"");
    }

    @Test
    void aMessageWithControlOrNonAsciiCharacters_isMadeSafeForTheHeader_butKeptInTheBody() {
        S3Response r = OstorErrorMapper.render(
                new OstorException(OstorError.INVALID_ARGUMENT, "bad\r\nX-Injected: 1 ü"), GET);

        assertThat(headers(r).get("X-Amz-Err-Message")).isEqualTo("bad??X-Injected: 1 ?");
        assertThat(body(r)).contains("\"Message\": \"bad\\r\\nX-Injected: 1 ü\"");
    }

    @Test
    void anythingUnexpected_isInternalError_withoutDetails() {
        S3Response r = OstorErrorMapper.render(new IllegalStateException("secret detail"), GET);

        assertThat(r.status()).isEqualTo(500);
        assertThat(headers(r)).containsEntry("X-Amz-Err-Code", "InternalError");
        assertThat(body(r)).doesNotContain("secret detail");
    }

    @Test
    void head_getsNoBody() {
        S3Response r = OstorErrorMapper.render(new OstorException(OstorError.METHOD_NOT_ALLOWED),
                OstorParserTest.head("HEAD", "/?ostor-users"));

        assertThat(r.status()).isEqualTo(405);
        assertThat(r.body()).isInstanceOf(S3Response.Empty.class);
    }
}
