package dev.stowage.s3.handler;

import dev.stowage.config.StowageConfig;
import dev.stowage.s3.S3Operation.PutPublicAccessBlock;
import dev.stowage.s3.S3Request;
import dev.stowage.s3.S3Response;
import dev.stowage.s3.access.PublicAccessBlock;
import dev.stowage.s3.xml.XmlRequestReader;
import dev.stowage.store.ObjectStore;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.util.Map;

/** PutPublicAccessBlock: replaces the bucket's public access block ({@link PublicAccessBlock} says what acts); 200. */
@ApplicationScoped
public class PutPublicAccessBlockHandler implements S3Handler<PutPublicAccessBlock> {
    private final ObjectStore store;
    private final StowageConfig config;

    public PutPublicAccessBlockHandler(ObjectStore store, StowageConfig config) {
        this.store = store;
        this.config = config;
    }

    @Override
    public S3Response handle(PutPublicAccessBlock op, S3Request request) throws IOException {
        PublicAccessBlock block = PublicAccessBlock.fromXml(
                XmlRequestReader.readBody(request, config.requests().maxXmlBody()));
        store.updateBucket(op.bucket(), Map.of(PublicAccessBlock.SETTING, block.encode()));
        return S3Response.ok();
    }
}
