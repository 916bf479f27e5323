package dev.stowage.auth;

/**
 * What verifying an aws-chunked body needs from the request's SigV4 signature: the signing key, the timestamp,
 * the scope and the seed (the request's own signature, which the first chunk's signature chains from).
 */
public final class ChunkSigner {
    private final SigningKey signingKey;
    private final String timestamp;
    private final String scope;
    private final String seedSignature;

    ChunkSigner(byte[] signingKey, String timestamp, String scope, String seedSignature) {
        this(new SigningKey(signingKey), timestamp, scope, seedSignature);
    }

    ChunkSigner(SigningKey signingKey, String timestamp, String scope, String seedSignature) {
        this.signingKey = signingKey;
        this.timestamp = timestamp;
        this.scope = scope;
        this.seedSignature = seedSignature;
    }

    /** The request's signature, which the first chunk's signature chains from. */
    public String seedSignature() {
        return seedSignature;
    }

    String timestamp() {
        return timestamp;
    }

    String scope() {
        return scope;
    }

    /** The hex signature of a chunk whose data hashes to {@code chunkSha256Hex}. */
    String chunkSignature(String previousSignature, String chunkSha256Hex) {
        return signingKey.sign(SigV4.chunkStringToSign(timestamp, scope, previousSignature, chunkSha256Hex));
    }

    /** The hex signature of the trailer block whose canonical text hashes to {@code trailerSha256Hex}. */
    String trailerSignature(String previousSignature, String trailerSha256Hex) {
        return signingKey.sign(SigV4.trailerStringToSign(timestamp, scope, previousSignature, trailerSha256Hex));
    }

    @Override
    public String toString() {
        return "ChunkSigner[scope=" + scope + ", timestamp=" + timestamp + "]";
    }
}
