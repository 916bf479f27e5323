package dev.stowage.s3.handler;

import dev.stowage.config.StowageConfig;
import dev.stowage.s3.S3Operation.PutObjectTagging;
import dev.stowage.s3.S3Request;
import dev.stowage.s3.S3Response;
import dev.stowage.s3.access.ObjectAccess;
import dev.stowage.s3.tagging.TagSet;
import dev.stowage.s3.xml.XmlRequestReader;
import dev.stowage.store.ObjectStore;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.util.Collections;

/** PutObjectTagging: replaces the object's tags (up to 10; an empty TagSet removes them), bytes untouched. */
@ApplicationScoped
public class PutObjectTaggingHandler implements S3Handler<PutObjectTagging> {
    private final ObjectStore store;
    private final StowageConfig config;

    public PutObjectTaggingHandler(ObjectStore store, StowageConfig config) {
        this.store = store;
        this.config = config;
    }

    @Override
    public S3Response handle(PutObjectTagging op, S3Request request) throws IOException {
        TagSet tags = TagSet.fromXml(XmlRequestReader.readBody(request, config.requests().maxXmlBody()),
                TagSet.Target.OBJECT);
        store.updateObjectSystem(op.bucket(), op.key(),
                Collections.singletonMap(ObjectAccess.TAGS, tags.isEmpty() ? null : tags.encode()));
        return S3Response.ok();
    }
}
