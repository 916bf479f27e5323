package dev.stowage.s3.handler;

import dev.stowage.s3.ContentMd5;
import dev.stowage.config.StowageConfig;
import dev.stowage.s3.S3Headers;
import dev.stowage.s3.S3Operation.PutBucketLifecycleConfiguration;
import dev.stowage.s3.S3Request;
import dev.stowage.s3.S3Response;
import dev.stowage.s3.error.S3ErrorCode;
import dev.stowage.s3.error.S3Exception;
import dev.stowage.s3.lifecycle.LifecycleConfiguration;
import dev.stowage.s3.xml.XmlRequestReader;
import dev.stowage.store.ObjectStore;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.util.Map;

/**
 * PutBucketLifecycleConfiguration: validates the rules ({@link LifecycleConfiguration}) and replaces the bucket's;
 * 200. As on AWS the body must come with a Content-MD5 (checked) or an {@code x-amz-checksum-*} (verified as it is
 * read); {@link dev.stowage.s3.lifecycle.LifecycleWorker} carries the rules out.
 */
@ApplicationScoped
public class PutBucketLifecycleConfigurationHandler implements S3Handler<PutBucketLifecycleConfiguration> {
    private final ObjectStore store;
    private final StowageConfig config;

    public PutBucketLifecycleConfigurationHandler(ObjectStore store, StowageConfig config) {
        this.store = store;
        this.config = config;
    }

    @Override
    public S3Response handle(PutBucketLifecycleConfiguration op, S3Request request) throws IOException {
        byte[] md5 = ContentMd5.parse(request.head().header(S3Headers.CONTENT_MD5));
        if (md5 == null && ChecksumFacts.declared(request) == null) {
            throw new S3Exception(S3ErrorCode.INVALID_REQUEST, "Missing required header for this request: Content-MD5");
        }
        // checked against its Content-MD5 as it is read
        byte[] body = XmlRequestReader.readBody(request, Math.max(config.requests().maxXmlBody(), 1 << 20));
        LifecycleConfiguration configuration = LifecycleConfiguration.parse(body);
        store.updateBucket(op.bucket(), Map.of(LifecycleConfiguration.SETTING, configuration.encode()));
        return S3Response.ok();
    }
}
