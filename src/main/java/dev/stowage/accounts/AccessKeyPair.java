package dev.stowage.accounts;

/** An S3 key pair: the id is the user id followed by 4 upper-case letters or digits; the secret has 40 characters. */
public record AccessKeyPair(String accessKeyId, String secretAccessKey) {}
