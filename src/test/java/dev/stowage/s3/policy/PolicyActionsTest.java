package dev.stowage.s3.policy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stowage.s3.BucketConfigurationKind;
import dev.stowage.s3.S3Operation;
import java.lang.reflect.RecordComponent;
import java.util.Locale;
import org.junit.jupiter.api.Test;

class PolicyActionsTest {
    /** An instance of an operation record with every component null, zero or false (enough to name its action). */
    private static S3Operation instance(Class<?> type) throws Exception {
        RecordComponent[] components = type.getRecordComponents();
        Class<?>[] types = new Class<?>[components.length];
        Object[] values = new Object[components.length];
        for (int i = 0; i < components.length; i++) {
            types[i] = components[i].getType();
            values[i] = types[i] == int.class ? 0 : types[i] == long.class ? 0L : types[i] == boolean.class ? false : null;
        }
        return (S3Operation) type.getDeclaredConstructor(types).newInstance(values);
    }

    @Test
    void everyOperationAPolicyDecides_isCheckedAsAnActionThePolicyLanguageKnows() throws Exception {
        int decided = 0;
        for (Class<?> type : S3Operation.class.getPermittedSubclasses()) {
            if (type == S3Operation.GetBucketConfiguration.class || type == S3Operation.DeleteBucketConfiguration.class) {
                for (BucketConfigurationKind kind : BucketConfigurationKind.values()) {
                    S3Operation op = type == S3Operation.GetBucketConfiguration.class
                            ? new S3Operation.GetBucketConfiguration("b", kind)
                            : new S3Operation.DeleteBucketConfiguration("b", kind);
                    if (op.action() != null) {
                        assertKnown(op);
                    }
                }
                continue;
            }
            S3Operation op = instance(type);
            if (PolicyActions.of(op) != null) {
                assertKnown(op);
                decided++;
            }
        }
        assertThat(decided).as("operations a bucket policy decides").isGreaterThan(40);
    }

    private static void assertKnown(S3Operation op) {
        String action = PolicyActions.of(op);
        assertThat(action).as(op.action()).startsWith("s3:");
        assertThat(PolicyActions.known()).as(op.action() + " checked as " + action)
                .contains(action.substring(3).toLowerCase(Locale.ROOT));
    }

    @Test
    void operationsWithoutAnExistingBucket_areDecidedByNoPolicy() {
        assertThat(PolicyActions.of(new S3Operation.ListBuckets())).isNull();
        assertThat(PolicyActions.of(new S3Operation.CreateBucket("b"))).isNull();
        assertThat(PolicyActions.of(new S3Operation.HeadObject("b", "k", 0))).isEqualTo("s3:GetObject");
        assertThat(PolicyActions.of(new S3Operation.DeleteObjects("b"))).isEqualTo("s3:DeleteObject");
    }
}
