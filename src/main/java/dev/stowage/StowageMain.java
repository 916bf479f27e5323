package dev.stowage;

import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.annotations.QuarkusMain;

/** Starts the gateway. */
@QuarkusMain
public final class StowageMain {
    private StowageMain() {}

    public static void main(String... args) {
        // S3 keys are arbitrary: a raw path that is not a valid URI (e.g. "%zz", "//") must reach the S3 route
        // and get an S3 answer (InvalidURI in S3 XML) instead of the HTTP layer's empty 400.
        System.setProperty("vertx.disableURIValidation", "true");
        Quarkus.run(args);
    }
}
