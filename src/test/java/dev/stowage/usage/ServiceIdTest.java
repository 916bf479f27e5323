package dev.stowage.usage;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ServiceIdTest {
    @TempDir
    Path usage;

    @Test
    void open_sameInstanceAfterRestart_keepsItsId() throws Exception {
        String first;
        try (ServiceId id = ServiceId.open(usage, "gw-a")) {
            first = id.id();
            assertThat(id.instance()).isEqualTo("gw-a");
        }
        try (ServiceId again = ServiceId.open(usage, "gw-a")) {
            assertThat(again.id()).isEqualTo(first);
        }
    }

    @Test
    void open_isSixteenDecimalDigitsBelowTwoToThe53() throws Exception {
        try (ServiceId id = ServiceId.open(usage, "gw")) {
            assertThat(id.id()).matches("[0-9]{16}");
            assertThat(Long.parseLong(id.id())).isLessThan(1L << 53);
            assertThat(UsageName.parse(new UsageName(id.id(), 0, 1800).toString())).isPresent();
        }
    }

    @Test
    void open_replicasSharingTheDataDirectory_getDistinctIds() throws Exception {
        try (ServiceId a = ServiceId.open(usage, "same-host");
                ServiceId b = ServiceId.open(usage, "same-host");
                ServiceId c = ServiceId.open(usage, "other-host")) {
            assertThat(b.instance()).isEqualTo("same-host-1");
            assertThat(a.id()).isNotEqualTo(b.id()).isNotEqualTo(c.id());
            assertThat(b.id()).isNotEqualTo(c.id());
        }
    }
}
