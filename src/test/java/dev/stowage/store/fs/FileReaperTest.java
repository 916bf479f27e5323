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

/**
 * What becomes of the files still queued when the reaper closes (no worker runs there: they all wait), and of the
 * directories it is handed.
 */
class FileReaperTest {
    @TempDir
    Path dir;

    private int named;

    private List<Path> files(int count) throws IOException {
        List<Path> files = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            int n = named++;
            files.add(Files.writeString(dir.resolve("deleted-" + n), "object bytes ".repeat(100 + n)));
        }
        return files;
    }

    /** Queues {@code files} in a reaper without a worker, then closes it. */
    private static void queueAndClose(List<Path> files, SpareFiles spares, boolean mayReuse) {
        FileReaper reaper = new FileReaper("test-reaper", new ReadGuard(), spares, () -> mayReuse, false);
        files.forEach(reaper::discard);
        reaper.close();
    }

    @Test
    void close_emptiesTheQueuedFilesIntoSpares_whileReuseIsAllowed() throws IOException {
        SpareFiles spares = new SpareFiles(10);
        List<Path> queued = files(3);
        queueAndClose(queued, spares, true);

        assertEquals(new HashSet<>(queued), spares.takeAll());
        for (Path file : queued) {
            assertEquals(0, Files.size(file), file + " emptied");
        }
    }

    @Test
    void close_unlinksTheQueuedFiles_whenReuseIsNotAllowed_orBeyondTheSparesRoom() throws IOException {
        SpareFiles none = new SpareFiles(10);
        List<Path> queued = files(2);
        queueAndClose(queued, none, false);
        assertEquals(0, none.size());
        queued.forEach(file -> assertFalse(Files.exists(file), file + " unlinked"));

        SpareFiles two = new SpareFiles(2);
        List<Path> more = files(4);
        queueAndClose(more, two, true);
        assertEquals(2, two.size());
        assertEquals(2, more.stream().filter(Files::exists).count());
    }

    @Test
    void close_unlinksAFileWithAnotherName_insteadOfEmptyingIt() throws IOException {
        SpareFiles spares = new SpareFiles(10);
        Path file = files(1).get(0);
        Path link = Files.createLink(dir.resolve("read-1"), file);
        long size = Files.size(file);
        queueAndClose(List.of(file), spares, true);

        assertEquals(0, spares.size());
        assertFalse(Files.exists(file));
        assertTrue(Files.exists(link));
        assertEquals(size, Files.size(link), "the other name keeps the bytes");
    }

    /** An upload's directory as a completion leaves it in the temp directory: part files and the upload's record. */
    private Path uploadDirectory(String name) throws IOException {
        Path upload = Files.createDirectory(dir.resolve(name));
        for (int part = 1; part <= 3; part++) {
            Files.writeString(upload.resolve("part-" + part), "part bytes ".repeat(1000));
        }
        Files.writeString(upload.resolve("upload"), "record");
        return upload;
    }

    @Test
    void discardTree_removesTheDirectoryWithEverythingInIt_offTheCallersThread() throws Exception {
        Path upload = uploadDirectory("completed-upload-1");
        SpareFiles spares = new SpareFiles(10);
        FileReaper reaper = new FileReaper("test-reaper", new ReadGuard(), spares, () -> true);
        try {
            reaper.discardTree(upload);
            assertTrue(reaper.awaitIdle(10_000), "the reaper finished");
            assertFalse(Files.exists(upload), "directory removed");
            assertEquals(0, spares.size(), "part files are not kept as spares");
        } finally {
            reaper.close();
        }
    }

    @Test
    void discardTree_removesTheDirectoryAtOnce_onceTheReaperIsClosed_andWhatIsQueuedAtClose() throws IOException {
        Path queued = uploadDirectory("completed-upload-2");
        FileReaper reaper = new FileReaper("test-reaper", new ReadGuard(), new SpareFiles(10), () -> true, false);
        reaper.discardTree(queued);
        assertTrue(Files.exists(queued), "waits in the queue: no worker");
        reaper.close();
        assertFalse(Files.exists(queued), "removed by close");

        Path late = uploadDirectory("removed-upload-3");
        reaper.discardTree(late);
        assertFalse(Files.exists(late), "removed on the caller's thread");
    }
}
