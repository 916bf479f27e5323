package dev.stowage.store.fs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class UploadFilesTest {

    @Test
    void newUploadId_isWellFormedUniqueAndNeverStartsWithADash() {
        Set<String> seen = new HashSet<>();
        // without the rule, about 1 id in 64 would start with '-': 10,000 ids would hold ~156 of them
        for (int i = 0; i < 10_000; i++) {
            String id = UploadFiles.newUploadId();
            assertTrue(UploadFiles.isWellFormed(id), id);
            assertNotEquals('-', id.charAt(0), id);
            assertTrue(seen.add(id), "repeated id " + id);
        }
        assertEquals(10_000, seen.size());
    }
}
