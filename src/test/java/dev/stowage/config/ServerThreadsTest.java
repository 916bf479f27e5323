package dev.stowage.config;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ServerThreadsTest {
    private final String before = System.getProperty(ServerThreads.CARRIERS);

    @AfterEach
    void restore() {
        if (before == null) {
            System.clearProperty(ServerThreads.CARRIERS);
        } else {
            System.setProperty(ServerThreads.CARRIERS, before);
        }
    }

    @Test
    void processors_areSplitHalfAndHalf_withAtLeastOneOfEach() {
        int[][] expected = {{1, 1, 1}, {2, 1, 1}, {3, 1, 2}, {4, 2, 2}, {8, 4, 4}, {16, 8, 8}};
        for (int[] row : expected) {
            assertEquals(row[1], ServerThreads.eventLoops(row[0]), "event loops on " + row[0]);
            assertEquals(row[2], ServerThreads.carriers(row[0]), "carriers on " + row[0]);
        }
    }

    @Test
    void carrierDefault_isSetWhenAbsent_andAnExplicitSettingIsKept() {
        System.clearProperty(ServerThreads.CARRIERS);
        ServerThreads.applyCarrierDefault();
        assertEquals(Integer.toString(ServerThreads.carriers(Runtime.getRuntime().availableProcessors())),
                System.getProperty(ServerThreads.CARRIERS));

        System.setProperty(ServerThreads.CARRIERS, "7");
        ServerThreads.applyCarrierDefault();
        assertEquals("7", System.getProperty(ServerThreads.CARRIERS));
    }
}
