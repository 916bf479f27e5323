package dev.stowage.auth;

import dev.stowage.s3.error.S3ErrorCode;
import dev.stowage.s3.error.S3Exception;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.function.Function;

/**
 * The signature of a POST Object form: the {@code policy} field (base64 as sent) signed with the signer's key.
 * SigV4: {@code x-amz-algorithm} AWS4-HMAC-SHA256, {@code x-amz-credential}, {@code x-amz-date} and
 * {@code x-amz-signature}, the hex HMAC-SHA256 of the policy under the derived signing key. SigV2:
 * {@code AWSAccessKeyId} and {@code signature}, the base64 HMAC-SHA1 of the policy under the secret key. A form with
 * none of these fields is anonymous. Fields are looked up by lower-case name.
 */
final class PostFormVerifier {
    private final CredentialLookup lookup;
    private final SigningKeyCache signingKeys;

    PostFormVerifier(CredentialLookup lookup, SigningKeyCache signingKeys) {
        this.lookup = lookup;
        this.signingKeys = signingKeys;
    }

    /** The signer's credential, or null for an anonymous form. */
    Credential verify(Function<String, String> field) {
        String v4Signature = field.apply(AuthNames.FORM_X_AMZ_SIGNATURE);
        String algorithm = field.apply(AuthNames.FORM_X_AMZ_ALGORITHM);
        String v4Credential = field.apply(AuthNames.FORM_X_AMZ_CREDENTIAL);
        if (v4Signature != null || algorithm != null || v4Credential != null) {
            return verifyV4(field, algorithm, v4Credential, v4Signature);
        }
        String accessKeyId = field.apply(AuthNames.FORM_AWS_ACCESS_KEY_ID);
        String signature = field.apply(AuthNames.FORM_SIGNATURE);
        String policy = field.apply(AuthNames.FORM_POLICY);
        if (accessKeyId == null && signature == null && policy == null) {
            return null;
        }
        require(accessKeyId, AuthNames.AWS_ACCESS_KEY_ID);
        require(policy, AuthNames.FORM_POLICY);
        require(signature, AuthNames.FORM_SIGNATURE);
        Credential credential = lookup.require(accessKeyId);
        byte[] expected = Base64.getEncoder().encode(SigV2.hmacSha1(credential.secretKey(), policy));
        if (!MessageDigest.isEqual(expected, signature.trim().getBytes(StandardCharsets.UTF_8))) {
            throw AuthErrors.signatureMismatch();
        }
        return credential;
    }

    private Credential verifyV4(Function<String, String> field, String algorithm, String credentialField,
            String signature) {
        require(algorithm, AuthNames.FORM_X_AMZ_ALGORITHM);
        if (!SigV4.ALGORITHM.equals(algorithm)) {
            throw AuthErrors.invalidArgument("The x-amz-algorithm of a POST form must be " + SigV4.ALGORITHM + ".",
                    AuthNames.FORM_X_AMZ_ALGORITHM, algorithm);
        }
        require(credentialField, AuthNames.FORM_X_AMZ_CREDENTIAL);
        require(field.apply(AuthNames.X_AMZ_DATE), AuthNames.X_AMZ_DATE);
        String policy = field.apply(AuthNames.FORM_POLICY);
        require(policy, AuthNames.FORM_POLICY);
        require(signature, AuthNames.FORM_X_AMZ_SIGNATURE);
        CredentialScope scope = CredentialScope.parse(credentialField,
                detail -> AuthErrors.invalidArgument("Invalid argument: " + detail, AuthNames.FORM_X_AMZ_CREDENTIAL, credentialField));
        Credential credential = lookup.require(scope.accessKeyId());
        String expected = signingKeys.signingKey(credential.secretKey(), scope.date(), scope.region(), scope.service())
                .sign(policy);
        if (!SigV4.sameSignature(expected, signature.trim())) {
            throw AuthErrors.signatureMismatch();
        }
        return credential;
    }

    private static void require(String value, String name) {
        if (value == null) {
            throw new S3Exception(S3ErrorCode.INVALID_ARGUMENT, "Bucket POST must contain a field named '" + name
                    + "'.  If it is specified, please check the order of the fields.")
                    .element("ArgumentName", name)
                    .element("ArgumentValue", "");
        }
    }
}
