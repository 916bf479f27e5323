package dev.stowage.s3.handler;

import dev.stowage.s3.S3Operation;
import dev.stowage.s3.S3Request;
import dev.stowage.s3.S3Response;
import java.io.IOException;

/** Performs one S3 action. Returns a response value; never writes to the wire, never renders errors. */
public interface S3Handler<O extends S3Operation> {
    S3Response handle(O op, S3Request request) throws IOException;
}
