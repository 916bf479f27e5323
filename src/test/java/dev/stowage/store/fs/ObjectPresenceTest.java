package dev.stowage.store.fs;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ObjectPresenceTest {
    @TempDir
    Path root;

    private final ObjectPresence presence = new ObjectPresence(1000);

    @Test
    void directoryWithAnObjectFile_holdsAnObject() throws IOException {
        Path dir = Files.createDirectories(root.resolve("a"));
        Files.writeString(dir.resolve("k#o"), "x");
        assertTrue(presence.containsObject(dir));
    }

    @Test
    void objectOnlyDeepBelow_counts_emptyOrForeignTreesDoNot() throws IOException {
        Path deep = Files.createDirectories(root.resolve("a").resolve("b").resolve("c"));
        Path empty = Files.createDirectories(root.resolve("e").resolve("f"));
        Files.writeString(root.resolve("e").resolve("#foreign"), "x");
        Files.writeString(empty.resolve("notes.txt#x"), "x");
        assertFalse(presence.containsObject(root.resolve("a")));
        assertFalse(presence.containsObject(root.resolve("e")));
        Files.writeString(deep.resolve("k#o"), "x");
        assertTrue(presence.containsObject(root.resolve("a")));
        assertFalse(presence.containsObject(root.resolve("gone")));
    }

    @Test
    void quietDirectory_removingItsLastObject_isSeenAtOnce() throws IOException {
        Path dir = Files.createDirectories(root.resolve("q"));
        Files.writeString(dir.resolve("k#o"), "x");
        makeQuiet(dir);
        assertTrue(presence.containsObject(dir));
        Files.delete(dir.resolve("k#o"));
        assertFalse(presence.containsObject(dir));
    }

    @Test
    void quietDirectory_unchanged_isAnsweredWithoutReadingItAgain() throws IOException {
        Path dir = Files.createDirectories(root.resolve("q"));
        Files.writeString(dir.resolve("k#o"), "x");
        FileTime quiet = makeQuiet(dir);
        assertTrue(presence.containsObject(dir));
        // a change that leaves the directory's time as it was (which the quiet rule rules out for real changes):
        // only a kept answer still says true
        Files.delete(dir.resolve("k#o"));
        Files.setLastModifiedTime(dir, quiet);
        assertTrue(presence.containsObject(dir));
        assertFalse(new ObjectPresence(0).containsObject(dir));
    }

    @Test
    void recentlyChangedDirectory_isReadEachTime() throws IOException {
        Path dir = Files.createDirectories(root.resolve("r"));
        Files.writeString(dir.resolve("k#o"), "x");
        FileTime recent = Files.getLastModifiedTime(dir);
        assertTrue(presence.containsObject(dir));
        Files.delete(dir.resolve("k#o"));
        Files.setLastModifiedTime(dir, recent);
        assertFalse(presence.containsObject(dir));
    }

    private static FileTime makeQuiet(Path dir) throws IOException {
        FileTime past = FileTime.from(Instant.now().minusSeconds(60));
        Files.setLastModifiedTime(dir, past);
        return past;
    }
}
