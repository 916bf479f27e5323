package dev.stowage.store;

import java.util.List;

/**
 * A precondition on the object a write replaces (S3's conditional writes), as the ETags of {@code If-Match} and
 * {@code If-None-Match} (unquoted; {@code *} for any object): the write happens only if an object is there whose
 * ETag is one of {@code ifMatch} (when given; no object at all is {@link NoSuchKeyException}), and none is there
 * whose ETag is one of {@code ifNoneMatch} ({@code *}: no object at all). The store checks it in the same step that
 * makes the new object visible; a failed check is {@link PreconditionFailedException}.
 */
public record WriteCondition(List<String> ifMatch, List<String> ifNoneMatch) {
    public static final WriteCondition NONE = new WriteCondition(null, null);
    private static final String ANY = "*";

    public WriteCondition {
        ifMatch = ifMatch == null ? null : List.copyOf(ifMatch);
        ifNoneMatch = ifNoneMatch == null ? null : List.copyOf(ifNoneMatch);
    }

    /** The write succeeds only where no object has the key ({@code If-None-Match: *}). */
    public static WriteCondition absent() {
        return new WriteCondition(null, List.of(ANY));
    }

    /** The write succeeds only over an object whose ETag is {@code etag} ({@code If-Match}). */
    public static WriteCondition matching(String etag) {
        return new WriteCondition(List.of(etag), null);
    }

    public boolean isNone() {
        return ifMatch == null && ifNoneMatch == null;
    }

    /** Whether the condition is exactly "no object there", which a store can check atomically by creating. */
    public boolean mustBeAbsent() {
        return ifMatch == null && ifNoneMatch != null && ifNoneMatch.contains(ANY);
    }

    /**
     * Null when the condition holds for {@code existing} (null: no object), else the header that failed
     * ({@code If-Match} or {@code If-None-Match}).
     * @throws NoSuchKeyException for {@code If-Match} where there is no object
     */
    public String failedHeader(ObjectInfo existing, String key) {
        if (ifMatch != null) {
            if (existing == null) {
                throw new NoSuchKeyException(key);
            }
            if (!matches(ifMatch, existing.etag())) {
                return "If-Match";
            }
        }
        if (ifNoneMatch != null && existing != null && matches(ifNoneMatch, existing.etag())) {
            return "If-None-Match";
        }
        return null;
    }

    private static boolean matches(List<String> etags, String etag) {
        return etags.contains(ANY) || etags.contains(etag);
    }
}
