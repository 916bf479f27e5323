package dev.stowage.s3.handler;

import dev.stowage.config.StowageConfig;
import dev.stowage.s3.S3Headers;
import dev.stowage.s3.S3Operation.CreateBucket;
import dev.stowage.s3.S3Request;
import dev.stowage.s3.S3Response;
import dev.stowage.s3.error.S3ErrorCode;
import dev.stowage.s3.error.S3Exception;
import dev.stowage.s3.xml.XmlRequestReader;
import dev.stowage.store.BucketAlreadyExistsException;
import dev.stowage.store.BucketInfo;
import dev.stowage.store.ObjectStore;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;

/** CreateBucket: validates the name, reads an optional CreateBucketConfiguration, creates the bucket. */
@ApplicationScoped
public class CreateBucketHandler implements S3Handler<CreateBucket> {
    private final ObjectStore store;
    private final StowageConfig config;

    public CreateBucketHandler(ObjectStore store, StowageConfig config) {
        this.store = store;
        this.config = config;
    }

    @Override
    public S3Response handle(CreateBucket op, S3Request request) throws IOException {
        String location = readLocation(request);
        String owner = request.principal().userId();
        try {
            store.createBucket(op.bucket(), owner, location == null ? config.region() : location);
        } catch (BucketAlreadyExistsException e) {
            BucketInfo existing = store.bucket(op.bucket());
            S3ErrorCode code = owner.equals(existing.ownerId())
                    ? S3ErrorCode.BUCKET_ALREADY_OWNED_BY_YOU
                    : S3ErrorCode.BUCKET_ALREADY_EXISTS;
            throw new S3Exception(code).resource("/" + op.bucket()).element("BucketName", op.bucket());
        }
        return S3Response.ok().header(S3Headers.LOCATION_OUT, "/" + op.bucket());
    }

    private String readLocation(S3Request request) throws IOException {
        byte[] body = XmlRequestReader.readBody(request, config.requests().maxXmlBody());
        if (body.length == 0) {
            return null;
        }
        String location = XmlRequestReader.parse(body, "CreateBucketConfiguration", "LocationConstraint");
        if (location != null && location.isBlank()) {
            return null;
        }
        if (location != null && !location.matches("[a-zA-Z0-9-]{1,64}")) {
            throw new S3Exception(S3ErrorCode.INVALID_LOCATION_CONSTRAINT).element("LocationConstraint", location);
        }
        return location;
    }
}
