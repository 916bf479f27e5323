package dev.stowage.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RequestIdsTest {

    @Test
    void ids_areSixteenUpperCaseHexDigits_prefixThenSequence() {
        RequestIds ids = new RequestIds();
        String first = ids.next();
        assertTrue(first.matches("[0-9A-F]{16}"), first);
        String prefix = first.substring(0, 8);
        for (int i = 2; i <= 300; i++) {
            String id = ids.next();
            assertEquals(prefix + String.format("%08X", i), id);
        }
        assertEquals(prefix + "00000001", first);
    }

    @Test
    void ids_ofOneServer_neverRepeatWithinTheSequence() {
        RequestIds ids = new RequestIds();
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 100_000; i++) {
            assertTrue(seen.add(ids.next()));
        }
    }
}
