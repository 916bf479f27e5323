package dev.stowage.ostor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stowage.accounts.Permission;
import dev.stowage.ostor.OstorOperation.SetPermission;
import dev.stowage.ostor.UserSelector.ByEmail;
import dev.stowage.ostor.error.OstorException;
import org.junit.jupiter.api.Test;

/** The metering addition to ostor-users: grantPermission / revokePermission. */
class OstorPermissionParserTest {
    private static OstorOperation parse(String method, String target) {
        return OstorParser.parse(OstorParserTest.head(method, target));
    }

    @Test
    void post_grantPermission_isSetPermissionGranted() {
        assertThat(parse("POST", "/?ostor-users&emailAddress=client@example.com&grantPermission=utapi:ListMetrics"))
                .isEqualTo(new SetPermission(new ByEmail("client@example.com"), Permission.UTAPI_LIST_METRICS, true));
        assertThat(parse("POST", "/?ostor-users&emailAddress=client@example.com&revokePermission=utapi%3AListMetrics"))
                .isEqualTo(new SetPermission(new ByEmail("client@example.com"), Permission.UTAPI_LIST_METRICS, false));
    }

    @Test
    void grantPermission_unknownPermissionOrWithGet_isInvalidArgument() {
        assertThatThrownBy(() -> parse("POST", "/?ostor-users&emailAddress=client@example.com&grantPermission=s3:Any"))
                .isInstanceOf(OstorException.class).hasMessageContaining("utapi:ListMetrics");
        assertThatThrownBy(() -> parse("GET", "/?ostor-users&emailAddress=client@example.com&grantPermission=utapi:ListMetrics"))
                .isInstanceOf(OstorException.class);
        assertThatThrownBy(() -> parse("POST",
                "/?ostor-users&emailAddress=client@example.com&grantPermission=utapi:ListMetrics&disable"))
                .isInstanceOf(OstorException.class);
    }
}
