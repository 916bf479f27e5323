package dev.stowage.s3;

import dev.stowage.auth.Principal;
import dev.stowage.auth.VerifiedRequest;
import dev.stowage.http.RequestHead;
import dev.stowage.store.BucketInfo;
import dev.stowage.store.ObjectInfo;
import dev.stowage.store.ObjectReader;
import java.io.InputStream;
import java.util.function.Predicate;

/**
 * A request that has been parsed, authenticated and authorized: what a handler works from. {@code bucket} is the
 * addressed bucket's facts when the operation has one that exists (null for ListBuckets and CreateBucket).
 * {@code object} is the addressed object as authorization found it, for operations its ACL decides (GetObject,
 * HeadObject, the object ?acl and ?tagging operations; null otherwise); for GetObject {@code reader} holds it open
 * (the handler takes it over), so the object is read once. {@code deletable} answers DeleteObjects per key.
 */
public record S3Request(RequestHead head, VerifiedRequest verified, BucketInfo bucket, RequestBody rawBody,
        ObjectInfo object, ObjectReader reader, Predicate<String> deletable) {

    public S3Request(RequestHead head, VerifiedRequest verified, BucketInfo bucket, RequestBody rawBody) {
        this(head, verified, bucket, rawBody, null, null, null);
    }

    /** Whether the caller may delete {@code key} of the bucket (DeleteObjects: the bucket policy decides per key). */
    public boolean mayDelete(String key) {
        return deletable == null || deletable.test(key);
    }

    public Principal principal() {
        return verified.principal();
    }

    /** The body as the client meant it: aws-chunked decoded, signatures and checksums verified as it is read. */
    public InputStream body() {
        rawBody.beforeRead();
        return verified.body(rawBody.stream(), head);
    }

    /**
     * The request body as it arrives from the connection; for POST Object the form, read up to its file
     * ({@link dev.stowage.s3.post.PostForm}), whose stream is the file's content.
     */
    public interface RequestBody {
        InputStream stream();

        /** Called once before the body is first read (sends 100-continue when the client waits for it). */
        void beforeRead();

        /** Whether any body byte has been consumed. */
        boolean consumed();
    }
}
