package dev.stowage.auth;

import java.util.Base64;

/** A checksum the client declared for the body, in a header or a trailer: the algorithm and the base64 value. */
public record ExpectedChecksum(ChecksumAlgorithm algorithm, String base64) {

    /** @throws dev.stowage.s3.error.S3Exception InvalidRequest unless the value is base64 of the right length */
    public static ExpectedChecksum parse(ChecksumAlgorithm algorithm, String value, String where) {
        String trimmed = value == null ? "" : value.trim();
        byte[] raw;
        try {
            raw = Base64.getDecoder().decode(trimmed);
        } catch (IllegalArgumentException e) {
            raw = null;
        }
        if (raw == null || raw.length != algorithm.length()) {
            throw AuthErrors.invalidRequest("Value for " + algorithm.headerName() + " " + where + " is invalid.");
        }
        return new ExpectedChecksum(algorithm, trimmed);
    }

    /** The raw checksum. */
    public byte[] bytes() {
        return Base64.getDecoder().decode(base64);
    }
}
