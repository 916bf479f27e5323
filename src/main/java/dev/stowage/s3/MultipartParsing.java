package dev.stowage.s3;

import static dev.stowage.s3.S3Headers.P_DELETE;
import static dev.stowage.s3.S3Headers.P_DELIMITER;
import static dev.stowage.s3.S3Headers.P_KEY_MARKER;
import static dev.stowage.s3.S3Headers.P_MAX_PARTS;
import static dev.stowage.s3.S3Headers.P_MAX_UPLOADS;
import static dev.stowage.s3.S3Headers.P_PART_NUMBER;
import static dev.stowage.s3.S3Headers.P_PART_NUMBER_MARKER;
import static dev.stowage.s3.S3Headers.P_PREFIX;
import static dev.stowage.s3.S3Headers.P_UPLOADS;
import static dev.stowage.s3.S3Headers.P_UPLOAD_ID;
import static dev.stowage.s3.S3Headers.P_UPLOAD_ID_MARKER;
import static dev.stowage.s3.S3Headers.X_AMZ_COPY_SOURCE;

import dev.stowage.http.RequestHead;
import dev.stowage.s3.S3Operation.AbortMultipartUpload;
import dev.stowage.s3.S3Operation.CompleteMultipartUpload;
import dev.stowage.s3.S3Operation.CopyObject;
import dev.stowage.s3.S3Operation.CopySource;
import dev.stowage.s3.S3Operation.CreateMultipartUpload;
import dev.stowage.s3.S3Operation.DeleteObjects;
import dev.stowage.s3.S3Operation.GetObject;
import dev.stowage.s3.S3Operation.HeadObject;
import dev.stowage.s3.S3Operation.ListMultipartUploads;
import dev.stowage.s3.S3Operation.ListParts;
import dev.stowage.s3.S3Operation.UploadPart;
import dev.stowage.s3.S3Operation.UploadPartCopy;
import dev.stowage.s3.error.S3ErrorCode;
import dev.stowage.s3.error.S3Exception;
import dev.stowage.s3.post.PostForm;
import java.io.ByteArrayOutputStream;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.ByteBuffer;

/**
 * The part of {@link S3OperationParser} for copies, multipart uploads and multi-object delete: which requests are
 * those actions, and their parameters. Pure, like the parser; null means "none of these".
 */
final class MultipartParsing {
    private static final int MAX_PART_NUMBER = 10_000;
    private static final String COPY_SOURCE_MESSAGE =
            "Copy Source must mention the source bucket and key: sourcebucket/sourcekey";

    private MultipartParsing() {}

    static S3Operation objectOperation(RequestHead head, String method, String bucket, String key) {
        boolean hasUploadId = head.hasParam(P_UPLOAD_ID);
        String copySource = head.header(X_AMZ_COPY_SOURCE);
        return switch (method) {
            case "PUT" -> {
                if (hasUploadId || head.hasParam(P_PART_NUMBER)) {
                    int part = partNumber(head.param(P_PART_NUMBER));
                    String uploadId = nullToEmpty(head.param(P_UPLOAD_ID));
                    yield copySource == null ? new UploadPart(bucket, key, uploadId, part)
                            : new UploadPartCopy(bucket, key, uploadId, part, copySource(copySource));
                }
                yield copySource == null ? null : new CopyObject(bucket, key, copySource(copySource));
            }
            case "POST" -> {
                if (head.hasParam(P_UPLOADS)) {
                    yield new CreateMultipartUpload(bucket, key);
                }
                if (hasUploadId) {
                    yield new CompleteMultipartUpload(bucket, key, nullToEmpty(head.param(P_UPLOAD_ID)));
                }
                yield null;
            }
            case "GET", "HEAD" -> {
                if (hasUploadId && method.equals("GET")) {
                    yield new ListParts(bucket, key, nullToEmpty(head.param(P_UPLOAD_ID)),
                            (int) nonNegative(head, P_PART_NUMBER_MARKER, 0),
                            (int) Math.min(1000, nonNegative(head, P_MAX_PARTS, 1000)));
                }
                if (head.hasParam(P_PART_NUMBER)) {
                    int part = partNumber(head.param(P_PART_NUMBER));
                    yield method.equals("GET") ? new GetObject(bucket, key, part) : new HeadObject(bucket, key, part);
                }
                yield null;
            }
            case "DELETE" -> hasUploadId ? new AbortMultipartUpload(bucket, key, nullToEmpty(head.param(P_UPLOAD_ID)))
                    : null;
            default -> null;
        };
    }

    static S3Operation bucketOperation(RequestHead head, String method, String bucket) {
        if (method.equals("POST")) {
            if (head.hasParam(P_DELETE)) {
                return new DeleteObjects(bucket);
            }
            if (PostForm.isForm(head)) {
                return new S3Operation.PostObject(bucket);
            }
            throw new S3Exception(S3ErrorCode.METHOD_NOT_ALLOWED);
        }
        if (method.equals("GET") && head.hasParam(P_UPLOADS)) {
            return new ListMultipartUploads(bucket, S3OperationParser.emptyToNull(head.param(P_PREFIX)),
                    S3OperationParser.emptyToNull(head.param(P_DELIMITER)),
                    S3OperationParser.emptyToNull(head.param(P_KEY_MARKER)),
                    S3OperationParser.emptyToNull(head.param(P_UPLOAD_ID_MARKER)),
                    (int) Math.min(1000, nonNegative(head, P_MAX_UPLOADS, 1000)),
                    S3OperationParser.urlEncoding(head));
        }
        return null;
    }

    /** 1..10,000, else InvalidArgument as AWS words it. */
    static int partNumber(String value) {
        try {
            int n = Integer.parseInt(value == null ? "" : value.trim());
            if (n >= 1 && n <= MAX_PART_NUMBER) {
                return n;
            }
        } catch (NumberFormatException e) {
            // falls through
        }
        throw new S3Exception(S3ErrorCode.INVALID_ARGUMENT, "Part number must be an integer between 1 and 10000, inclusive")
                .element("ArgumentName", P_PART_NUMBER)
                .element("ArgumentValue", value);
    }

    private static long nonNegative(RequestHead head, String name, long absent) {
        String value = head.param(name);
        if (value == null) {
            return absent;
        }
        try {
            long n = Long.parseLong(value.trim());
            if (n >= 0 && n <= Integer.MAX_VALUE) {
                return n;
            }
        } catch (NumberFormatException e) {
            // falls through
        }
        throw new S3Exception(S3ErrorCode.INVALID_ARGUMENT, "Provided " + name + " not an integer or within integer range")
                .element("ArgumentName", name)
                .element("ArgumentValue", value);
    }

    /**
     * {@code x-amz-copy-source}: {@code [/]bucket/key}, URL-encoded, optionally {@code ?versionId=V}, where only
     * {@code null} names a version here (no versioning yet).
     */
    static CopySource copySource(String header) {
        String value = header.trim();
        int query = value.indexOf('?');
        if (query >= 0) {
            String q = value.substring(query + 1);
            value = value.substring(0, query);
            if (!q.startsWith("versionId=")) {
                throw invalidCopySource(header);
            }
            VersionParsing.requireNullVersion("versionId", q.substring("versionId=".length()));
        }
        String decoded = percentDecode(value, header);
        if (decoded.startsWith("/")) {
            decoded = decoded.substring(1);
        }
        int slash = decoded.indexOf('/');
        if (slash <= 0 || slash == decoded.length() - 1) {
            throw invalidCopySource(header);
        }
        String bucket = decoded.substring(0, slash);
        BucketNames.requireValid(bucket);
        return new CopySource(bucket, decoded.substring(slash + 1));
    }

    private static String percentDecode(String value, String header) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(value.length());
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < bytes.length; i++) {
            byte b = bytes[i];
            if (b == '%') {
                if (i + 2 >= bytes.length) {
                    throw invalidCopySource(header);
                }
                int hi = Character.digit(bytes[i + 1], 16);
                int lo = Character.digit(bytes[i + 2], 16);
                if (hi < 0 || lo < 0) {
                    throw invalidCopySource(header);
                }
                out.write(hi << 4 | lo);
                i += 2;
            } else {
                out.write(b);
            }
        }
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(out.toByteArray())).toString();
        } catch (CharacterCodingException e) {
            throw invalidCopySource(header);
        }
    }

    private static S3Exception invalidCopySource(String header) {
        return new S3Exception(S3ErrorCode.INVALID_ARGUMENT, COPY_SOURCE_MESSAGE)
                .element("ArgumentName", X_AMZ_COPY_SOURCE)
                .element("ArgumentValue", header);
    }

    private static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }
}
