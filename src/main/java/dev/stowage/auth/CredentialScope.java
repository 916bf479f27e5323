package dev.stowage.auth;

import dev.stowage.s3.error.S3Exception;
import java.util.function.Function;

/**
 * The {@code Credential} of a SigV4 signature: access key id and the scope {@code date/region/service/aws4_request}.
 * Any region is accepted (clients are configured with arbitrary ones); the service must be {@code s3}.
 */
record CredentialScope(String accessKeyId, String date, String region, String service) {

    static final String TERMINATOR = "aws4_request";
    static final String SERVICE = "s3";

    /** The scope as it appears in the string to sign: {@code 20130524/us-east-1/s3/aws4_request}. */
    String scope() {
        return date + "/" + region + "/" + service + "/" + TERMINATOR;
    }

    /**
     * Parses {@code AKID/YYYYMMDD/REGION/SERVICE/aws4_request}; {@code error} turns a detail message into the
     * exception of the carrier (header or query).
     */
    static CredentialScope parse(String credential, Function<String, S3Exception> error) {
        String malformed =
                "the Credential is mal-formed; expecting \"<YOUR-AKID>/YYYYMMDD/REGION/SERVICE/aws4_request\".";
        if (credential == null) {
            throw error.apply(malformed);
        }
        String[] parts = new String[5];
        int end = credential.length();
        for (int i = 4; i > 0; i--) {
            int slash = credential.lastIndexOf('/', end - 1);
            if (slash < 0) {
                throw error.apply(malformed);
            }
            parts[i] = credential.substring(slash + 1, end);
            end = slash;
        }
        parts[0] = credential.substring(0, end);
        if (parts[0].isEmpty() || parts[2].isEmpty() || !isDate(parts[1])) {
            throw error.apply(malformed);
        }
        if (!SERVICE.equals(parts[3])) {
            throw error.apply("incorrect service \"" + parts[3] + "\". This endpoint belongs to \"s3\".");
        }
        if (!TERMINATOR.equals(parts[4])) {
            throw error.apply("incorrect terminal \"" + parts[4] + "\". This endpoint uses \"aws4_request\".");
        }
        return new CredentialScope(parts[0], parts[1], parts[2], parts[3]);
    }

    private static boolean isDate(String s) {
        if (s.length() != 8) {
            return false;
        }
        for (int i = 0; i < 8; i++) {
            if (s.charAt(i) < '0' || s.charAt(i) > '9') {
                return false;
            }
        }
        return true;
    }
}
