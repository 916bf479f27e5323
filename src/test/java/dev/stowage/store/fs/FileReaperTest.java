package dev.stowage.store.fs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What becomes of the files still queued when the reaper closes (no worker runs here: they all wait). */
class FileReaperTest {
    @TempDir
    Path dir;

    private List<Path> files(int count) throws IOException {
        List<Path> files = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            files.add(Files.writeString(dir.resolve("deleted-" + i), "object bytes ".repeat(100 + i)));
        }
        return files;
    }

    @Test
    void close_emptiesTheQueuedFilesIntoSpares_whileReuseIsAllowed() throws IOException {
        SpareFiles spares = new SpareFiles(10);
        FileReaper reaper = new FileReaper("test-reaper", new ReadGuard(), spares, () -> true, false);
        List<Path> queued = files(3);
        queued.forEach(reaper::discard);
        reaper.close();

        assertEquals(new HashSet<>(queued), spares.takeAll());
        for (Path file : queued) {
            assertEquals(0, Files.size(file), file + " emptied");
        }
    }

    @Test
    void close_unlinksTheQueuedFiles_whenReuseIsNotAllowed_orBeyondTheSparesRoom() throws IOException {
        SpareFiles none = new SpareFiles(10);
        FileReaper shared = new FileReaper("test-reaper", new ReadGuard(), none, () -> false, false);
        List<Path> queued = files(2);
        queued.forEach(shared::discard);
        shared.close();
        assertEquals(0, none.size());
        queued.forEach(file -> assertFalse(Files.exists(file), file + " unlinked"));

        SpareFiles two = new SpareFiles(2);
        FileReaper reaper = new FileReaper("test-reaper", new ReadGuard(), two, () -> true, false);
        List<Path> more = files(4);
        more.forEach(reaper::discard);
        reaper.close();
        assertEquals(2, two.size());
        assertEquals(2, more.stream().filter(Files::exists).count());
    }

    @Test
    void close_unlinksAFileWithAnotherName_insteadOfEmptyingIt() throws IOException {
        SpareFiles spares = new SpareFiles(10);
        FileReaper reaper = new FileReaper("test-reaper", new ReadGuard(), spares, () -> true, false);
        Path file = files(1).get(0);
        Path link = Files.createLink(dir.resolve("read-1"), file);
        long size = Files.size(file);
        reaper.discard(file);
        reaper.close();

        assertEquals(0, spares.size());
        assertFalse(Files.exists(file));
        assertTrue(Files.exists(link));
        assertEquals(size, Files.size(link), "the other name keeps the bytes");
    }
}
