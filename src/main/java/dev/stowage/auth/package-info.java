/**
 * Request authentication for the S3 surface. {@link dev.stowage.auth.RequestAuthenticator} verifies a request's
 * signature once (SigV4 or SigV2, header or presigned, or none) and answers a
 * {@link dev.stowage.auth.VerifiedRequest}: the principal, the payload mode, and a body wrapper that decodes
 * aws-chunked and checks chunk signatures, trailers, checksums and the whole-body SHA-256 as the body is read.
 * Signing itself is pure functions ({@code SigV4}, {@code SigV2}); each header is parsed into a value
 * ({@code SigV4Authorization}, {@code SigV2Authorization}, {@code ContentSha256}, {@code CredentialScope}).
 */
package dev.stowage.auth;
