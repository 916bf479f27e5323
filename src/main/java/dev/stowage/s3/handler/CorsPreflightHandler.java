package dev.stowage.s3.handler;

import dev.stowage.s3.S3Operation.CorsPreflight;
import dev.stowage.s3.S3Request;
import dev.stowage.s3.S3Response;
import jakarta.enterprise.context.ApplicationScoped;

/** CORS preflight ({@code OPTIONS}): answered from the bucket's CORS rules, for anyone. */
@ApplicationScoped
public class CorsPreflightHandler implements S3Handler<CorsPreflight> {
    @Override
    public S3Response handle(CorsPreflight op, S3Request request) {
        return dev.stowage.s3.cors.CorsPreflight.answer(request.head(), request.bucket());
    }
}
