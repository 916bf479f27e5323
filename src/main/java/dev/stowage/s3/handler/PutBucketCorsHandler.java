package dev.stowage.s3.handler;

import dev.stowage.config.StowageConfig;
import dev.stowage.s3.S3Operation.PutBucketCors;
import dev.stowage.s3.S3Request;
import dev.stowage.s3.S3Response;
import dev.stowage.s3.access.BucketAccess;
import dev.stowage.s3.cors.CorsConfiguration;
import dev.stowage.s3.xml.XmlRequestReader;
import dev.stowage.store.ObjectStore;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.util.Map;

/** PutBucketCors: validates and replaces the bucket's CORS rules. */
@ApplicationScoped
public class PutBucketCorsHandler implements S3Handler<PutBucketCors> {
    private final ObjectStore store;
    private final StowageConfig config;

    public PutBucketCorsHandler(ObjectStore store, StowageConfig config) {
        this.store = store;
        this.config = config;
    }

    @Override
    public S3Response handle(PutBucketCors op, S3Request request) throws IOException {
        CorsConfiguration rules = CorsConfiguration.parse(XmlRequestReader.readBody(request, config.requests().maxXmlBody()));
        store.updateBucket(op.bucket(), Map.of(BucketAccess.CORS, rules.encode()));
        return S3Response.ok();
    }
}
