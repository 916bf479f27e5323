package dev.stowage.auth;

import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * The derived SigV4 signing keys, cached per (secret, date, region, service): deriving one takes four HMACs and
 * every request needs one. A small direct-mapped table, lock-free and bounded; a collision only costs a derivation.
 */
final class SigningKeyCache {
    private record Entry(String secret, String date, String region, String service, SigningKey key) {
        boolean matches(String secret, String date, String region, String service) {
            return this.secret.equals(secret) && this.date.equals(date) && this.region.equals(region)
                    && this.service.equals(service);
        }
    }

    private final AtomicReferenceArray<Entry> slots;
    private final int mask;

    /** @param capacity rounded up to a power of two */
    SigningKeyCache(int capacity) {
        int size = Integer.highestOneBit(Math.max(1, capacity - 1)) << 1;
        this.slots = new AtomicReferenceArray<>(size);
        this.mask = size - 1;
    }

    /** The signing key. */
    SigningKey signingKey(String secret, String date, String region, String service) {
        int hash = secret.hashCode() * 31 * 31 * 31 + date.hashCode() * 31 * 31 + region.hashCode() * 31
                + service.hashCode();
        int index = (hash ^ (hash >>> 16)) & mask;
        Entry entry = slots.get(index);
        if (entry != null && entry.matches(secret, date, region, service)) {
            return entry.key();
        }
        SigningKey key = new SigningKey(SigV4.signingKey(secret, date, region, service));
        slots.set(index, new Entry(secret, date, region, service, key));
        return key;
    }
}
