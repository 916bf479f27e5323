package dev.stowage.metering;

import java.nio.charset.StandardCharsets;

/** An answer of the metering endpoint: status, content type and body, written by {@link MeteringServer}. */
public record MeteringResponse(int status, String contentType, byte[] body) {
    public static final String JSON = "application/json";
    public static final String XML = "text/xml; charset=UTF-8";

    public static MeteringResponse json(int status, String body) {
        return new MeteringResponse(status, JSON, body.getBytes(StandardCharsets.UTF_8));
    }

    public static MeteringResponse text(int status, String contentType, String body) {
        return new MeteringResponse(status, contentType, body.getBytes(StandardCharsets.UTF_8));
    }
}
