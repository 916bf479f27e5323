package dev.stowage.s3.handler;

import dev.stowage.config.StowageConfig;
import dev.stowage.s3.S3Operation.PutBucketTagging;
import dev.stowage.s3.S3Request;
import dev.stowage.s3.S3Response;
import dev.stowage.s3.access.BucketAccess;
import dev.stowage.s3.tagging.TagSet;
import dev.stowage.s3.xml.XmlRequestReader;
import dev.stowage.store.ObjectStore;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.util.Map;

/** PutBucketTagging: replaces the bucket's tags (up to 50); 204 as AWS answers. */
@ApplicationScoped
public class PutBucketTaggingHandler implements S3Handler<PutBucketTagging> {
    private final ObjectStore store;
    private final StowageConfig config;

    public PutBucketTaggingHandler(ObjectStore store, StowageConfig config) {
        this.store = store;
        this.config = config;
    }

    @Override
    public S3Response handle(PutBucketTagging op, S3Request request) throws IOException {
        TagSet tags = TagSet.fromXml(XmlRequestReader.readBody(request, config.requests().maxXmlBody()),
                TagSet.Target.BUCKET);
        store.updateBucket(op.bucket(), Map.of(BucketAccess.TAGS, tags.encode()));
        return S3Response.noContent();
    }
}
