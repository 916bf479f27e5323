package dev.stowage.cli;

import picocli.CommandLine.Option;

/** Whose limits a command is about: {@code -e EMAIL}, {@code -i ID} or {@code -b BUCKET}, exactly one. */
final class LimitSelector {
    @Option(names = {"-e", "--email"}, paramLabel = "EMAIL", required = true, description = "A user's email address.")
    String email;

    @Option(names = {"-i", "--id"}, paramLabel = "ID", required = true, description = "A user's S3 id (16 hex digits).")
    String id;

    @Option(names = {"-b", "--bucket"}, paramLabel = "BUCKET", required = true, description = "A bucket's name.")
    String bucket;

    /** {@code emailAddress=E}, {@code id=ID} or {@code bucket=B}, percent-encoded, after checking the value. */
    String queryParameter() {
        if (email != null) {
            return "emailAddress=" + UserSelector.encode(UserSelector.validEmail(email));
        }
        if (id != null) {
            if (id.isBlank()) {
                throw new CliException(ExitStatus.USAGE, "the user id must not be empty");
            }
            return "id=" + UserSelector.encode(id.strip());
        }
        if (bucket == null || bucket.isBlank()) {
            throw new CliException(ExitStatus.USAGE, "the bucket name must not be empty");
        }
        return "bucket=" + UserSelector.encode(bucket.strip());
    }
}
