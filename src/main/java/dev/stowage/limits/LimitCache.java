package dev.stowage.limits;

/**
 * The hot-path view of limits: answered from memory, updated promptly on every replica when a limit changes.
 * {@link #anyLimits()} lets enforcement skip all work when no limit is set anywhere.
 */
public interface LimitCache {
    LimitSet forUser(String userId);

    LimitSet forBucket(String bucket);

    /** False when no user or bucket has any limit: enforcement then costs one volatile read. */
    boolean anyLimits();
}
