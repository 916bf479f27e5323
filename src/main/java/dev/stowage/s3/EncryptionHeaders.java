package dev.stowage.s3;

import dev.stowage.http.RequestHead;
import dev.stowage.s3.error.S3ErrorCode;
import dev.stowage.s3.error.S3Exception;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/**
 * What an object request asks of server-side encryption, refused where Stowage cannot honour it: a request that
 * expects its object encrypted with a KMS key, or with the customer's own key (SSE-C) where Stowage does not do
 * that (copies, multipart uploads, POST forms), must fail rather than succeed and leave the client believing its
 * data is encrypted. {@code x-amz-server-side-encryption:
 * AES256} (SSE-S3) is accepted and not echoed, so no response claims encryption Stowage did not do; it is
 * accepted because many tools send it by default (Terraform's state backend with {@code encrypt = true}), and
 * encryption at rest is then the storage volume's.
 */
public final class EncryptionHeaders {
    public static final String SSE = "x-amz-server-side-encryption";
    private static final Set<String> SSE_C = Set.of(
            "x-amz-server-side-encryption-customer-algorithm",
            "x-amz-server-side-encryption-customer-key",
            "x-amz-server-side-encryption-customer-key-md5",
            "x-amz-copy-source-server-side-encryption-customer-algorithm",
            "x-amz-copy-source-server-side-encryption-customer-key",
            "x-amz-copy-source-server-side-encryption-customer-key-md5");
    private static final String CUSTOMER_ALGORITHM = "x-amz-server-side-encryption-customer-algorithm";
    private static final String CUSTOMER_KEY = "x-amz-server-side-encryption-customer-key";
    private static final String COPY_SOURCE = "x-amz-copy-source-";
    /** KMS settings, which only {@code aws:kms} takes. */
    private static final List<String> KMS_ONLY = List.of(
            "x-amz-server-side-encryption-aws-kms-key-id",
            "x-amz-server-side-encryption-context");
    private static final Set<String> KNOWN = Set.of("AES256", "aws:kms", "aws:kms:dsse");

    private EncryptionHeaders() {}

    /**
     * Throws the S3 error for an encryption request this gateway does not support; returns otherwise. A customer
     * key (SSE-C) is taken by reads of objects (GET, HEAD), by PutObject, CopyObject and the multipart operations,
     * and a copy source's key by CopyObject and UploadPartCopy; {@link dev.stowage.s3.sse.CustomerEncryption}
     * handles them. POST Object forms take none.
     */
    static void requireSupported(RequestHead head) {
        String method = head.method();
        boolean copying = head.header("x-amz-copy-source") != null;
        boolean part = head.hasParam("uploadId");
        boolean multipart = method.equals("POST") && (head.hasParam("uploads") || part);
        boolean takesKey = method.equals("GET") || method.equals("HEAD") || multipart || method.equals("PUT");
        requireSupported(head::header, takesKey, method.equals("PUT") && copying);
    }

    /**
     * The same for a request whose settings are looked up by lower-case name: a POST Object form's fields carry
     * the same words as a PutObject's headers.
     */
    public static void requireSupported(Function<String, String> header) {
        requireSupported(header, false, false);
    }

    private static void requireSupported(Function<String, String> header, boolean customerKeyTaken,
            boolean copySourceKeyTaken) {
        String sse = header.apply(SSE);
        if (sse != null && (header.apply(CUSTOMER_ALGORITHM) != null || header.apply(CUSTOMER_KEY) != null)) {
            throw new S3Exception(S3ErrorCode.INVALID_ARGUMENT, "Server Side Encryption with Customer provided key is "
                    + "incompatible with the encryption method specified")
                    .element("ArgumentName", SSE)
                    .element("ArgumentValue", sse);
        }
        for (String name : SSE_C) {
            boolean taken = name.startsWith(COPY_SOURCE) ? copySourceKeyTaken : customerKeyTaken;
            if (!taken && header.apply(name) != null) {
                throw new S3Exception(S3ErrorCode.NOT_IMPLEMENTED, "Server-side encryption with customer-provided "
                        + "keys (SSE-C) is not supported by this gateway in POST Object forms.")
                        .element("Header", name);
            }
        }
        if (sse != null) {
            if (!KNOWN.contains(sse)) {
                throw new S3Exception(S3ErrorCode.INVALID_ARGUMENT, "The encryption method specified is not supported")
                        .element("ArgumentName", SSE)
                        .element("ArgumentValue", sse);
            }
            if (!sse.equals("AES256")) {
                throw new S3Exception(S3ErrorCode.NOT_IMPLEMENTED, "Server-side encryption with KMS keys ("
                        + sse + ") is not supported by this gateway.")
                        .element("Header", SSE);
            }
        }
        for (String name : KMS_ONLY) {
            if (header.apply(name) != null) {
                throw new S3Exception(S3ErrorCode.INVALID_ARGUMENT, "Server Side Encryption with AWS KMS managed key "
                        + "requires HTTP header x-amz-server-side-encryption : aws:kms")
                        .element("ArgumentName", name)
                        .element("ArgumentValue", header.apply(name));
            }
        }
    }
}
