package dev.stowage.s3.post;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stowage.http.RequestHead;
import dev.stowage.s3.S3Request;
import dev.stowage.s3.error.S3ErrorCode;
import dev.stowage.s3.error.S3Exception;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PostFormTest {
    private static final String BOUNDARY = "xYzZY";

    private static String body(String file) {
        return "preamble to ignore\r\n"
                + "--" + BOUNDARY + "\r\n"
                + "Content-Disposition: form-data; name=\"Key\"\r\n\r\n"
                + "photos/${filename}\r\n"
                + "--" + BOUNDARY + "\r\n"
                + "content-disposition: form-data; name=\"x-amz-meta-note\"\r\n\r\n"
                + "line one\r\nline two\r\n"
                + "--" + BOUNDARY + "\r\n"
                + "Content-Disposition: form-data; name=\"file\"; filename=\"cat \\\"1\\\".jpg\"\r\n"
                + "Content-Type: image/jpeg\r\n\r\n"
                + file + "\r\n"
                + "--" + BOUNDARY + "\r\n"
                + "Content-Disposition: form-data; name=\"after\"\r\n\r\n"
                + "ignored\r\n"
                + "--" + BOUNDARY + "--\r\n";
    }

    private static PostForm read(String body, boolean oneByteAtATime) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.ISO_8859_1);
        InputStream in = new ByteArrayInputStream(bytes);
        InputStream stream = oneByteAtATime ? new InputStream() {
            @Override
            public int read() throws IOException {
                return in.read();
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                return len == 0 ? 0 : in.read(b, off, 1);
            }
        } : in;
        RequestHead head = new RequestHead("POST", "/b", "", List.of(),
                Map.of("content-type", List.of("multipart/form-data; boundary=\"" + BOUNDARY + "\"")), "b", null, false,
                "id");
        return PostForm.read(head, new S3Request.RequestBody() {
            public InputStream stream() {
                return stream;
            }

            public void beforeRead() {}

            public boolean consumed() {
                return false;
            }
        });
    }

    @Test
    void read_fieldsBeforeTheFile_byLowerCaseName_andTheFileStreamsToItsPartsEnd() throws IOException {
        for (boolean slow : new boolean[] {false, true}) {
            // a file holding what looks like a delimiter but for its last byte, and CR LF of its own
            String file = "\r\n--" + BOUNDARY.substring(0, 4) + "Q data\r\n\r\n--";
            PostForm form = read(body(file), slow);

            assertThat(form.field("key")).isEqualTo("photos/${filename}");
            assertThat(form.fields().get("key").name()).isEqualTo("Key");
            assertThat(form.field("x-amz-meta-note")).isEqualTo("line one\r\nline two");
            assertThat(form.field("after")).isNull();
            assertThat(form.filename()).isEqualTo("cat \"1\".jpg");
            assertThat(form.fileContentType()).isEqualTo("image/jpeg");
            assertThat(new String(form.stream().readAllBytes(), StandardCharsets.ISO_8859_1)).isEqualTo(file);
            form.drain();
        }
    }

    @Test
    void read_largeFile_streamsEveryByte() throws IOException {
        String file = "0123456789abcdef".repeat(20_000);
        PostForm form = read(body(file), false);

        assertThat(new String(form.stream().readAllBytes(), StandardCharsets.ISO_8859_1)).isEqualTo(file);
    }

    @Test
    void read_withoutFileField_isIncorrectNumberOfFiles() {
        String body = "--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"key\"\r\n\r\nk\r\n--" + BOUNDARY + "--\r\n";

        assertThatThrownBy(() -> read(body, false)).isInstanceOfSatisfying(S3Exception.class,
                e -> assertThat(e.error()).isEqualTo(S3ErrorCode.INCORRECT_NUMBER_OF_FILES_IN_POST_REQUEST));
    }

    @Test
    void read_bodyEndingInsideAPart_isMalformedPostRequest() {
        String body = "--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"key\"\r\n\r\nk and no end";

        assertThatThrownBy(() -> read(body, false)).isInstanceOfSatisfying(S3Exception.class,
                e -> assertThat(e.error()).isEqualTo(S3ErrorCode.MALFORMED_POST_REQUEST));
    }

    @Test
    void read_fieldsOver20KB_isMaxPostPreDataLengthExceeded() {
        String body = "--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"x-ignore-a\"\r\n\r\n"
                + "a".repeat(PostForm.MAX_PRE_DATA_BYTES) + "\r\n--" + BOUNDARY + "--\r\n";

        assertThatThrownBy(() -> read(body, false)).isInstanceOfSatisfying(S3Exception.class,
                e -> assertThat(e.error()).isEqualTo(S3ErrorCode.MAX_POST_PRE_DATA_LENGTH_EXCEEDED));
    }
}
