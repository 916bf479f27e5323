package dev.stowage.limits;

import dev.stowage.accounts.AccountException;

/** A limit was set or queried for a bucket that does not exist. */
public final class NoSuchLimitBucketException extends AccountException {
    public NoSuchLimitBucketException(String message) {
        super(message);
    }
}
