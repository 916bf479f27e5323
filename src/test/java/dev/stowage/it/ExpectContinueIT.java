package dev.stowage.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.model.BucketCannedACL;

/**
 * {@code Expect: 100-continue}: an unsigned upload that will be refused gets its error instead of a 100 (and never
 * sends its body); one that is allowed gets the 100, then its answer. Signed uploads (every SDK test) get the 100
 * at once.
 */
@QuarkusTest
class ExpectContinueIT extends S3TestSupport {
    private static final String BODY = "x".repeat(123);

    @Test
    void anonymousPutIntoPrivateBucket_getsAccessDeniedInsteadOfContinue() throws IOException {
        String bucket = newBucket();
        try (Socket socket = connect()) {
            sendHead(socket, "/" + bucket + "/obj");
            String first = statusLine(socket.getInputStream());
            assertThat(first).startsWith("HTTP/1.1 403");
        }
        assertThat(s3.listObjectsV2(b -> b.bucket(bucket)).keyCount()).isZero();
    }

    @Test
    void anonymousPutIntoPublicWriteBucket_getsContinueThenStoresTheBody() throws IOException {
        String bucket = newBucket();
        s3.putBucketAcl(b -> b.bucket(bucket).acl(BucketCannedACL.PUBLIC_READ_WRITE));
        try (Socket socket = connect()) {
            sendHead(socket, "/" + bucket + "/obj");
            InputStream in = socket.getInputStream();
            assertThat(statusLine(in)).startsWith("HTTP/1.1 100");
            assertThat(statusLine(in)).isEmpty(); // the blank line that ends the 100 response
            OutputStream out = socket.getOutputStream();
            out.write(BODY.getBytes(StandardCharsets.US_ASCII));
            out.flush();
            assertThat(statusLine(in)).startsWith("HTTP/1.1 200");
        }
        assertThat(s3.getObjectAsBytes(b -> b.bucket(bucket).key("obj")).asUtf8String()).isEqualTo(BODY);
    }

    @Test
    void signedSdkPut_withExpectContinue_stillStores() {
        String bucket = newBucket();
        // the SDK sends Expect: 100-continue on PutObject
        s3.putObject(b -> b.bucket(bucket).key("k"), RequestBody.fromString(BODY));
        assertThat(s3.getObjectAsBytes(b -> b.bucket(bucket).key("k")).asUtf8String()).isEqualTo(BODY);
    }

    private Socket connect() throws IOException {
        Socket socket = new Socket(endpoint().getHost(), endpoint().getPort());
        socket.setSoTimeout(30_000);
        return socket;
    }

    private void sendHead(Socket socket, String path) throws IOException {
        String head = "PUT " + path + " HTTP/1.1\r\nHost: " + endpoint().getHost() + ":" + endpoint().getPort()
                + "\r\nAccept-Encoding: identity\r\nContent-Length: " + BODY.length()
                + "\r\nExpect: 100-continue\r\n\r\n";
        socket.getOutputStream().write(head.getBytes(StandardCharsets.US_ASCII));
        socket.getOutputStream().flush();
    }

    /** One line of the response, without its CRLF. */
    private static String statusLine(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int c;
        while ((c = in.read()) != -1 && c != '\n') {
            if (c != '\r') {
                line.write(c);
            }
        }
        return line.toString(StandardCharsets.US_ASCII);
    }
}
