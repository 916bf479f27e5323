package dev.stowage.auth;

import java.util.regex.Pattern;

/**
 * The parsed value of a SigV4 {@code Authorization} header:
 * {@code AWS4-HMAC-SHA256 Credential=AK/date/region/s3/aws4_request, SignedHeaders=a;b, Signature=hex}.
 * Components may be separated by commas, spaces or both, in any order.
 */
record SigV4Authorization(CredentialScope credential, SignedHeaders signedHeaders, String signature) {
    private static final Pattern SEPARATORS = Pattern.compile("[,\\s]+");

    static boolean matches(String authorization) {
        return authorization.startsWith(AuthNames.AWS4_HMAC_SHA256)
                && (authorization.length() == AuthNames.AWS4_HMAC_SHA256.length()
                        || authorization.charAt(AuthNames.AWS4_HMAC_SHA256.length()) == ' ');
    }

    /** @throws dev.stowage.s3.error.S3Exception AuthorizationHeaderMalformed */
    static SigV4Authorization parse(String authorization) {
        String credential = null;
        String signedHeaders = null;
        String signature = null;
        String rest = authorization.substring(AuthNames.AWS4_HMAC_SHA256.length());
        for (String token : SEPARATORS.split(rest)) {
            if (token.isEmpty()) {
                continue;
            }
            int eq = token.indexOf('=');
            if (eq <= 0) {
                throw AuthErrors.malformedV4Header("the authorization component \"" + token + "\" is malformed.");
            }
            String key = token.substring(0, eq);
            String value = token.substring(eq + 1);
            switch (key) {
                case "Credential" -> credential = once(credential, value, key);
                case "SignedHeaders" -> signedHeaders = once(signedHeaders, value, key);
                case "Signature" -> signature = once(signature, value, key);
                default -> throw AuthErrors.malformedV4Header(
                        "the authorization component \"" + token + "\" is malformed.");
            }
        }
        if (credential == null || signedHeaders == null || signature == null) {
            throw AuthErrors.malformedV4Header(
                    "the authorization header requires three components: Credential, SignedHeaders, and Signature.");
        }
        return new SigV4Authorization(
                CredentialScope.parse(credential, AuthErrors::malformedV4Header),
                SignedHeaders.parse(signedHeaders, AuthErrors::malformedV4Header),
                signature);
    }

    private static String once(String previous, String value, String key) {
        if (previous != null) {
            throw AuthErrors.malformedV4Header("the authorization component \"" + key + "\" appears more than once.");
        }
        return value;
    }
}
