package dev.stowage.accounts.db;

import java.nio.file.Path;

/** A JVM that only runs an embedded database, for tests that kill it: prints the server's pid, then waits. */
public final class EmbeddedDatabaseHost {
    private EmbeddedDatabaseHost() {}

    public static void main(String[] args) throws InterruptedException {
        Path dir = Path.of(args[0]);
        EmbeddedDatabase db = EmbeddedDatabase.start(dir, dir.resolveSibling("postgres.log"), false);
        System.out.println("POSTMASTER " + LeftoverPostmaster.pid(db.directory()).orElseThrow());
        System.out.flush();
        Thread.sleep(Long.MAX_VALUE);
    }
}
