package dev.stowage.it;

import io.quarkus.test.junit.QuarkusIntegrationTest;

/** {@link BucketsIT} against the packaged artifact (see {@link PackagedPutObjectIT}). */
@QuarkusIntegrationTest
class PackagedBucketsIT extends BucketsIT {}
