package dev.stowage.s3.access;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Stored ACLs round-trip, and grants decide as S3's permission table says. */
class AccessControlListTest {
    private static final String OWNER = "00000000000000aa";
    private static final String OTHER = "00000000000000bb";

    @Test
    void encode_thenDecode_keepsEveryGrantInOrder() {
        AccessControlList acl = new AccessControlList(List.of(
                new Grant(Grantee.user(OWNER), AclPermission.FULL_CONTROL),
                new Grant(Grantee.ALL_USERS, AclPermission.READ),
                new Grant(Grantee.user(OTHER), AclPermission.WRITE_ACP),
                new Grant(Grantee.AUTHENTICATED_USERS, AclPermission.READ_ACP)));
        assertThat(AccessControlList.decode(acl.encode(), OWNER)).isEqualTo(acl);
        assertThat(AccessControlList.decode("", OWNER).grants()).isEmpty();
        assertThat(AccessControlList.decode(null, OWNER)).isEqualTo(AccessControlList.ownerOnly(OWNER));
    }

    @Test
    void allows_followsGranteesAndPermissions() {
        AccessControlList publicRead = CannedAcl.PUBLIC_READ.acl(OWNER, null);
        assertThat(publicRead.allows(null, AclPermission.READ)).isTrue();
        assertThat(publicRead.allows(null, AclPermission.WRITE)).isFalse();
        assertThat(publicRead.allows(OTHER, AclPermission.READ_ACP)).isFalse();
        AccessControlList authenticated = CannedAcl.AUTHENTICATED_READ.acl(OWNER, null);
        assertThat(authenticated.allows(OTHER, AclPermission.READ)).isTrue();
        assertThat(authenticated.allows(null, AclPermission.READ)).isFalse();
        AccessControlList full = CannedAcl.BUCKET_OWNER_FULL_CONTROL.acl(OTHER, OWNER);
        for (AclPermission p : AclPermission.values()) {
            assertThat(full.allows(OWNER, p)).as(p.name()).isTrue();
        }
        // on the bucket itself (no bucket owner apart from the owner) the bucket-owner ACLs are private
        assertThat(CannedAcl.BUCKET_OWNER_READ.acl(OWNER, null)).isEqualTo(AccessControlList.ownerOnly(OWNER));
    }
}
