package dev.stowage.ostor.handler;

import dev.stowage.ostor.OstorNames;
import dev.stowage.ostor.json.JsonWriter;
import dev.stowage.s3.S3Response;

/** The success answers of the ostor services. */
final class Responses {
    private Responses() {}

    /** 200 with this JSON document ({@code Content-Type: application/json}). */
    static S3Response json(JsonWriter json) {
        return S3Response.ok().body(new S3Response.Bytes(json.toBytes(), OstorNames.APPLICATION_JSON));
    }

    /** 200 without a body, as ostor answers disable, enable and revokeKey. */
    static S3Response okEmpty() {
        return S3Response.ok().body(new S3Response.Empty(0));
    }
}
