package dev.stowage.auth;

/**
 * A request body that verifies a declared {@code x-amz-checksum-*} header or trailer as it is read. Once the
 * body has been read to its end, {@link #verifiedChecksum()} tells the checksum that matched, for the store to keep.
 */
public interface ChecksummedBody {

    /** The checksum that matched the whole body; null before the end or when none was declared. */
    ExpectedChecksum verifiedChecksum();
}
