package dev.stowage.ostor.handler;

import dev.stowage.ostor.OstorOperation;
import dev.stowage.ostor.OstorRequest;
import dev.stowage.s3.S3Response;

/** Performs one ostor action. Returns a response value; never writes to the wire, never renders errors. */
public interface OstorHandler<O extends OstorOperation> {
    S3Response handle(O op, OstorRequest request);
}
