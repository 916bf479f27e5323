package dev.stowage.ostor;

import static io.restassured.RestAssured.given;

import io.restassured.RestAssured;
import io.restassured.config.EncoderConfig;
import io.restassured.config.RestAssuredConfig;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.Locale;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.SignedRequest;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;

/**
 * Signed calls to the running gateway through RestAssured, the query sent exactly as written (bare words stay
 * bare, nothing re-encoded):
 * <ul>
 *   <li>Signature V2 as the seed's {@code s3_curl} and WHMCS {@code S3_requestCurl} sign: HMAC-SHA1 over
 *       {@code METHOD\n\n\nDATE\n/?ostor-users} (the canonical resource is "/" + the query up to the first '&'),
 *       the {@code Date} in RFC 2822 as {@code date -R} prints it;</li>
 *   <li>Signature V4 by the AWS SDK's own {@link AwsV4HttpSigner}.</li>
 * </ul>
 */
public final class OstorCalls {
    /** The system user of the test profile (application.properties, %test). */
    static final String SYSTEM_KEY = "0123456789abcdefTEST";

    static final String SYSTEM_SECRET = "TestSecretKeyTestSecretKeyTestSecretKey0";

    private static final DateTimeFormatter RFC_2822 =
            DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss Z", Locale.US).withZone(ZoneOffset.UTC);
    private static final RestAssuredConfig RAW = RestAssuredConfig.config()
            .encoderConfig(EncoderConfig.encoderConfig().appendDefaultContentCharsetToContentTypeIfUndefined(false));

    /** How a call is signed. */
    public enum Signing { V2, V4 }

    private OstorCalls() {}

    /** A call signed as the system user; {@code target} is path and query, e.g. {@code /?ostor-users}. */
    public static Response call(Signing signing, String method, String target) {
        return call(signing, SYSTEM_KEY, SYSTEM_SECRET, method, target);
    }

    static Response call(Signing signing, String accessKey, String secret, String method, String target) {
        return signing == Signing.V2 ? v2(accessKey, secret, method, target) : v4(accessKey, secret, method, target);
    }

    /**
     * As s3_curl: Host, Date, Authorization; the string to sign covers "/" + the query up to the first '&'. Signed
     * last, in a filter, with the Content-Type RestAssured sends (it gives a bodiless POST a form type; curl sends
     * none, and then the line is empty as in the seed).
     */
    static Response v2(String accessKey, String secret, String method, String target) {
        return v2(accessKey, secret, method, target, null);
    }

    /** As {@link #v2(String, String, String, String)}, with a request body ({@code application/octet-stream}). */
    static Response v2(String accessKey, String secret, String method, String target, byte[] body) {
        String date = RFC_2822.format(Instant.now());
        RequestSpecification spec = given().config(RAW).urlEncodingEnabled(false);
        if (body != null) {
            spec.contentType("application/octet-stream").body(body);
        }
        return spec
                .header("Date", date)
                .filter((request, response, context) -> {
                    String contentType = request.getContentType() == null ? "" : request.getContentType();
                    String signature = base64HmacSha1(secret,
                            method + "\n\n" + contentType + "\n" + date + "\n" + canonicalResource(target));
                    request.header("Authorization", "AWS " + accessKey + ":" + signature);
                    return context.next(request, response);
                })
                .request(method, target);
    }

    /** Signed with the AWS SDK's SigV4 signer, as its S3 client signs (no double encoding, no normalisation). */
    static Response v4(String accessKey, String secret, String method, String target) {
        int q = target.indexOf('?');
        SdkHttpRequest.Builder request = SdkHttpRequest.builder().method(SdkHttpMethod.fromValue(method))
                .protocol("http").host("localhost").port(RestAssured.port)
                .encodedPath(q < 0 ? target : target.substring(0, q));
        if (q >= 0) {
            for (String part : target.substring(q + 1).split("&")) {
                int eq = part.indexOf('=');
                // the SDK takes decoded names and values and encodes them itself
                if (eq < 0) {
                    request.putRawQueryParameter(decode(part), (String) null);
                } else {
                    request.appendRawQueryParameter(decode(part.substring(0, eq)), decode(part.substring(eq + 1)));
                }
            }
        }
        SignedRequest signed = AwsV4HttpSigner.create().sign(r -> r
                .identity(AwsCredentialsIdentity.create(accessKey, secret))
                .request(request.build())
                .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, "s3")
                .putProperty(AwsV4HttpSigner.REGION_NAME, "us-east-1")
                .putProperty(AwsV4HttpSigner.DOUBLE_URL_ENCODE, false)
                .putProperty(AwsV4HttpSigner.NORMALIZE_PATH, false)
                .putProperty(AwsV4HttpSigner.PAYLOAD_SIGNING_ENABLED, true));
        RequestSpecification spec = raw();
        signed.request().forEachHeader((name, values) -> {
            if (!name.equalsIgnoreCase("Host")) {
                spec.header(name, values.get(0));
            }
        });
        String uri = signed.request().getUri().toString();
        return spec.request(method, uri.substring(uri.indexOf('/', "http://".length())));
    }

    /** An unsigned request. */
    static Response anonymous(String method, String target) {
        return raw().request(method, target);
    }

    /** "/" + the query up to the first '&' for an ostor query, as the seed's clients sign; else the path. */
    static String canonicalResource(String target) {
        int q = target.indexOf('?');
        if (q < 0) {
            return target;
        }
        String query = target.substring(q + 1);
        if (!query.contains("ostor-")) {
            return target.substring(0, q);
        }
        int amp = query.indexOf('&');
        return target.substring(0, q + 1) + (amp < 0 ? query : query.substring(0, amp));
    }

    /** RestAssured sending the query as written. */
    private static RequestSpecification raw() {
        return given().config(RAW).urlEncodingEnabled(false);
    }

    private static String decode(String s) {
        return URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8);
    }

    static String base64HmacSha1(String secret, String stringToSign) {
        try {
            Mac mac = Mac.getInstance("HmacSHA1");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
            return Base64.getEncoder().encodeToString(mac.doFinal(stringToSign.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
