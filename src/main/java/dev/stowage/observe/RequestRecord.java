package dev.stowage.observe;

/**
 * One finished request.
 *
 * @param requestId the id sent in {@code x-amz-request-id}
 * @param action the AWS action name ({@code PutObject}) or the ostor service ({@code ostor-users}); null when
 *     the request could not be parsed
 * @param method the HTTP method
 * @param userId the verified signer, null for anonymous requests and requests whose signature failed
 * @param bucket the bucket addressed when it exists (null otherwise)
 * @param bucketEpoch that bucket's epoch (0 when no bucket)
 * @param status the HTTP status sent
 * @param errorCode the S3 error code sent, null on success
 * @param bytesIn request body bytes the gateway read (decoded payload, as sent on the wire for aws-chunked)
 * @param bytesOut response body bytes sent
 * @param durationNanos from the head's arrival to the last byte handed to the connection
 */
public record RequestRecord(String requestId, String action, String method, String userId, String bucket,
        long bucketEpoch, int status, String errorCode, long bytesIn, long bytesOut, long durationNanos) {}
