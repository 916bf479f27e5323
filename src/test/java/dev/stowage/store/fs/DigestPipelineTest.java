package dev.stowage.store.fs;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.security.MessageDigest;
import java.util.ArrayDeque;
import java.util.Queue;
import java.util.Random;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import org.junit.jupiter.api.Test;

/** The MD5 of a large body computed beside its writing: same digest, buffers reused only once digested. */
class DigestPipelineTest {

    @Test
    void digestOfManyBuffers_equalsTheDigestOfTheWholeBody() throws Exception {
        byte[] body = new byte[5 * 65536 + 123];
        new Random(7).nextBytes(body);
        DigestPipeline pipeline = new DigestPipeline(MessageDigest.getInstance("MD5"), 65536, 2);
        byte[] buf = new byte[65536];
        int offset = 0;
        while (offset < body.length) {
            int n = Math.min(buf.length, body.length - offset);
            System.arraycopy(body, offset, buf, 0, n);
            pipeline.digest(buf, n);
            offset += n;
            buf = pipeline.nextBuffer();
        }
        assertArrayEquals(MessageDigest.getInstance("MD5").digest(body), pipeline.finish());
    }

    @Test
    void aBuffer_comesBackForRefilling_onlyOnceDigested() throws Exception {
        HeldTasks held = new HeldTasks();
        DigestPipeline pipeline = new DigestPipeline(MessageDigest.getInstance("MD5"), held, 4, 1);
        byte[] first = {1, 2, 3, 4};
        pipeline.digest(first, 4);
        byte[] spare = pipeline.nextBuffer();
        assertNotSame(first, spare, "the first buffer is still to be digested");
        spare[0] = 9;
        pipeline.digest(spare, 1);
        held.runAll();
        byte[] next = pipeline.nextBuffer();
        assertSame(first, next, "digested first, so handed back first");
        MessageDigest expected = MessageDigest.getInstance("MD5");
        expected.update(new byte[] {1, 2, 3, 4});
        expected.update(new byte[] {9});
        assertArrayEquals(expected.digest(), pipeline.finish());
    }

    @Test
    void aDigestThatCannotRun_failsTheWrite_insteadOfWaitingForItsBuffer() throws Exception {
        Executor refusing = task -> {
            throw new RejectedExecutionException("shut down");
        };
        DigestPipeline pipeline = new DigestPipeline(MessageDigest.getInstance("MD5"), refusing, 4, 0);
        pipeline.digest(new byte[4], 4);
        IOException failure = assertThrows(IOException.class, pipeline::nextBuffer);
        assertEquals("the body's digest failed", failure.getMessage());
        assertThrows(IOException.class, pipeline::finish);
    }

    /** Runs submitted tasks only when told to. */
    private static final class HeldTasks implements Executor {
        private final Queue<Runnable> tasks = new ArrayDeque<>();

        @Override
        public void execute(Runnable task) {
            tasks.add(task);
        }

        void runAll() {
            while (!tasks.isEmpty()) {
                tasks.poll().run();
            }
        }
    }
}
