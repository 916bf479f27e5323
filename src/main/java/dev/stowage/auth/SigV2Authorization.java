package dev.stowage.auth;

/** The parsed value of a SigV2 {@code Authorization} header: {@code AWS AccessKeyId:Base64Signature}. */
record SigV2Authorization(String accessKeyId, String signature) {

    static boolean matches(String authorization) {
        return authorization.startsWith(AuthNames.AWS_V2_SCHEME + " ");
    }

    /** @throws dev.stowage.s3.error.S3Exception InvalidArgument when not {@code AWS id:signature} */
    static SigV2Authorization parse(String authorization) {
        String credentials = authorization.substring(AuthNames.AWS_V2_SCHEME.length() + 1).trim();
        int colon = credentials.lastIndexOf(':');
        if (colon <= 0 || colon == credentials.length() - 1) {
            throw AuthErrors.invalidArgument(
                    "AWS authorization header is invalid.  Expected AwsAccessKeyId:signature",
                    "Authorization", authorization);
        }
        return new SigV2Authorization(credentials.substring(0, colon).trim(), credentials.substring(colon + 1).trim());
    }
}
