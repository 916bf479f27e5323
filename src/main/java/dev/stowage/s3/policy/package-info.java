/**
 * Bucket policies (PutBucketPolicy): the JSON access policy language of AWS as far as a bucket's own resources go.
 * {@link dev.stowage.s3.policy.PolicyParser} validates a document as S3 does (MalformedPolicy with S3's messages),
 * {@link dev.stowage.s3.policy.BucketPolicy} decides a request (explicit Deny, Allow, or nothing said), and
 * {@link dev.stowage.s3.policy.PolicyActions} names the policy action of every S3 operation.
 */
package dev.stowage.s3.policy;
