package dev.stowage.accounts;

/** The user owns buckets and cannot be deleted until they are deleted. */
public final class UserOwnsBucketsException extends AccountException {
    public UserOwnsBucketsException(String message) {
        super(message);
    }
}
