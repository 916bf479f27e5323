package dev.stowage.it;

import io.quarkus.test.junit.QuarkusIntegrationTest;

/**
 * {@link PutObjectIT} against the packaged artifact ({@code target/quarkus-app}, or the native executable after
 * {@code -Dnative}) started as its own process in the test profile, as a native build would be tested.
 */
@QuarkusIntegrationTest
class PackagedPutObjectIT extends PutObjectIT {}
