package dev.stowage.s3.access;

import java.util.ArrayList;
import java.util.List;

/**
 * A bucket's or object's grants, in order. The owner is kept apart (the bucket's owner id, the object's
 * {@value ObjectAccess#OWNER} fact) and always keeps full control of what it owns, whatever the grants say.
 *
 * <p>Stored form ({@link #encode}): grants joined by {@code ,}, each {@code PERMISSION:u:<canonical id>} or {@code
 * PERMISSION:g:<group URI>}; ids are user ids (hex) and URIs contain no comma, so nothing needs escaping. No stored
 * ACL means the {@link #ownerOnly default}: the owner's FULL_CONTROL alone.
 */
public record AccessControlList(List<Grant> grants) {
    /** AWS's limit on grants per ACL. */
    public static final int MAX_GRANTS = 100;

    public AccessControlList {
        grants = List.copyOf(grants);
    }

    /** The {@code private} ACL: the owner's FULL_CONTROL. */
    public static AccessControlList ownerOnly(String ownerId) {
        return new AccessControlList(List.of(new Grant(Grantee.user(ownerId), AclPermission.FULL_CONTROL)));
    }

    /**
     * Whether the caller ({@code userId}, null when anonymous) may do what {@code needed} allows, by the grants
     * alone (callers check ownership first).
     */
    public boolean allows(String userId, AclPermission needed) {
        for (Grant g : grants) {
            if (g.permission().allows(needed) && g.grantee().covers(userId)) {
                return true;
            }
        }
        return false;
    }

    public String encode() {
        StringBuilder out = new StringBuilder();
        for (Grant g : grants) {
            if (out.length() > 0) {
                out.append(',');
            }
            out.append(g.permission().name()).append(':')
                    .append(g.grantee().kind() == Grantee.Kind.GROUP ? 'g' : 'u').append(':')
                    .append(g.grantee().value());
        }
        return out.toString();
    }

    /** The ACL of a stored form, or the owner-only default when there is none ({@code stored} null). */
    public static AccessControlList decode(String stored, String ownerId) {
        if (stored == null) {
            return ownerOnly(ownerId);
        }
        List<Grant> grants = new ArrayList<>();
        for (String item : stored.split(",")) {
            if (item.isEmpty()) {
                continue;
            }
            String[] parts = item.split(":", 3);
            AclPermission permission = parts.length == 3 ? AclPermission.parse(parts[0]) : null;
            if (permission == null) {
                continue; // never written by us: ignoring it grants nothing
            }
            Grantee grantee = parts[1].equals("g") ? new Grantee(Grantee.Kind.GROUP, parts[2]) : Grantee.user(parts[2]);
            grants.add(new Grant(grantee, permission));
        }
        return new AccessControlList(grants);
    }
}
