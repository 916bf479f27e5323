package dev.stowage.ostor;

import io.quarkus.test.junit.QuarkusIntegrationTest;

/** {@link OstorUsersIT} against the packaged artifact (see {@code dev.stowage.it.PackagedPutObjectIT}). */
@QuarkusIntegrationTest
class PackagedOstorUsersIT extends OstorUsersIT {}
