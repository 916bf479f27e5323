package dev.stowage.store.fs;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * The one place that makes writes crash-safe. Content goes to a new temp file on the data's filesystem and is
 * forced to disk; missing directories are created and their parents forced; the temp file is renamed over its
 * target in one step and the target's directory is forced. A reader, also after a crash, finds the old file
 * or the new one, never a part. Every write path of the store goes through here.
 */
public final class DurableFiles {
    /** Renames retried when a concurrent delete removes a directory between its creation and the rename. */
    private static final int MOVE_ATTEMPTS = 16;

    /** Writes a file's content; may throw anything, which the caller gets back unchanged. */
    @FunctionalInterface
    public interface Content<T> {
        T writeTo(FileChannel channel) throws IOException;
    }

    private DurableFiles() {}

    /** {@link #write} then {@link #commit}. */
    public static <T> T replace(Path temp, Path target, Path root, Content<T> content) throws IOException {
        T result = write(temp, content);
        commit(temp, target, root);
        return result;
    }

    /**
     * Creates {@code temp} (a fresh name in a private temp directory, or an empty spare file renamed there), lets
     * {@code content} fill it and forces it to disk. On any failure the temp file is removed and the failure
     * rethrown as it was.
     */
    public static <T> T write(Path temp, Content<T> content) throws IOException {
        try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
            if (channel.size() != 0) {
                channel.truncate(0);
            }
            T result = content.writeTo(channel);
            channel.force(true);
            return result;
        } catch (Throwable t) {
            deleteQuietly(temp);
            throw t;
        }
    }

    /**
     * Renames a written temp file onto {@code target}, replacing any file there in one step. Directories
     * missing between {@code root} (which must exist) and the target are created. On failure the temp file is
     * removed; a {@link NoSuchFileException} with {@code root} gone means the whole tree was removed.
     */
    public static void commit(Path temp, Path target, Path root) throws IOException {
        install(temp, target, root);
        syncDirectory(target.getParent());
    }

    /**
     * The rename of {@link #commit} without its directory fsync: the caller must {@link #syncDirectory} the
     * target's directory before it reports the write as done (it may first release locks held for the rename).
     */
    static void install(Path temp, Path target, Path root) throws IOException {
        Path dir = target.getParent();
        try {
            for (int attempt = 1; ; attempt++) {
                try {
                    createDirectories(root, dir);
                    Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
                    break;
                } catch (NoSuchFileException e) {
                    // a concurrent delete removed a directory we had made: make it again
                    if (attempt >= MOVE_ATTEMPTS || !Files.isDirectory(root) || !Files.exists(temp)) {
                        throw e;
                    }
                }
            }
        } catch (Throwable t) {
            deleteQuietly(temp);
            throw t;
        }
    }

    /**
     * As {@link #install}, but only where {@code target} does not exist: the temp file is hard-linked to the name
     * (which fails when the name is taken, in any process) and then removed. False, the temp file removed, when
     * {@code target} existed.
     */
    static boolean installNew(Path temp, Path target, Path root) throws IOException {
        Path dir = target.getParent();
        try {
            for (int attempt = 1; ; attempt++) {
                try {
                    createDirectories(root, dir);
                    Files.createLink(target, temp);
                    return true;
                } catch (FileAlreadyExistsException e) {
                    return false;
                } catch (NoSuchFileException e) {
                    if (attempt >= MOVE_ATTEMPTS || !Files.isDirectory(root) || !Files.exists(temp)) {
                        throw e;
                    }
                }
            }
        } finally {
            deleteQuietly(temp);
        }
    }

    /**
     * Returns once an fsync of {@code dir} begun after this call has finished (concurrent writers into one
     * directory share one fsync; see {@link DirectorySyncs}); a directory removed meanwhile needs none.
     */
    static void syncDirectory(Path dir) throws IOException {
        DirectorySyncs.sync(dir, DurableFiles::forceDirectoryIfPresent);
    }

    /** Creates {@code dir} and its missing parents below {@code root}, forcing each new directory's parent. */
    static void createDirectories(Path root, Path dir) throws IOException {
        if (Files.isDirectory(dir)) {
            return;
        }
        Deque<Path> missing = new ArrayDeque<>();
        for (Path p = dir; !p.equals(root) && !Files.isDirectory(p); p = p.getParent()) {
            if (p.getParent() == null || !p.startsWith(root)) {
                throw new IllegalArgumentException(dir + " is not below " + root);
            }
            missing.push(p);
        }
        List<Path> created = new ArrayList<>(missing.size());
        for (Path p : missing) {
            try {
                Files.createDirectory(p);
                created.add(p);
            } catch (FileAlreadyExistsException e) {
                // made by a concurrent put (and maybe already removed again by a delete: the rename retries)
                if (!isDirectoryOrGone(p)) {
                    throw e;
                }
            }
        }
        for (Path p : created) {
            forceDirectory(p.getParent());
        }
    }

    private static boolean isDirectoryOrGone(Path p) throws IOException {
        try {
            return Files.readAttributes(p, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS).isDirectory();
        } catch (NoSuchFileException e) {
            return true;
        }
    }

    /** Renames a directory tree in one step and forces both parents. */
    static void moveDirectory(Path from, Path to) throws IOException {
        Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
        forceDirectory(to.getParent());
        forceDirectoryIfPresent(from.getParent());
    }

    /**
     * Renames {@code file} to {@code to} on the same filesystem in one step (taking an object out of view before it
     * is unlinked); false when there is no {@code file}. The rename is made durable like a delete: by the caller's
     * {@link #syncDirectory} of the file's directory, or by the filesystem's next journal commit.
     */
    static boolean moveAway(Path file, Path to) throws IOException {
        try {
            Files.move(file, to, StandardCopyOption.ATOMIC_MOVE);
            return true;
        } catch (NoSuchFileException e) {
            return false;
        }
    }

    /** Deletes a file; with {@code sync}, its directory is fsynced so the delete survives a crash. */
    public static boolean delete(Path file, boolean sync) throws IOException {
        if (!Files.deleteIfExists(file)) {
            return false;
        }
        if (sync) {
            syncDirectory(file.getParent());
        }
        return true;
    }

    public static void forceDirectory(Path dir) throws IOException {
        try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
            channel.force(true);
        }
    }

    private static void forceDirectoryIfPresent(Path dir) throws IOException {
        try {
            forceDirectory(dir);
        } catch (NoSuchFileException e) {
            // removed meanwhile by a concurrent delete, which supersedes what we wrote
        }
    }

    public static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException | RuntimeException e) {
            // best effort: a leftover temp file is removed with its instance directory
        }
    }
}
