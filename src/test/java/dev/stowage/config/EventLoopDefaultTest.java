package dev.stowage.config;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.test.junit.QuarkusTest;
import io.vertx.core.Vertx;
import jakarta.inject.Inject;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.eclipse.microprofile.config.Config;
import org.junit.jupiter.api.Test;

@QuarkusTest
class EventLoopDefaultTest {

    @Inject
    Config config;

    @Inject
    Vertx vertx;

    @Test
    void eventLoops_defaultToHalfTheAvailableProcessors() {
        int loops = ServerThreads.eventLoops(Runtime.getRuntime().availableProcessors());
        assertEquals(loops, config.getValue(EventLoopDefault.EVENT_LOOPS, Integer.class));
        assertEquals("stowage-event-loop-default",
                config.getConfigValue(EventLoopDefault.EVENT_LOOPS).getSourceName());
    }

    @Test
    void vertx_runsThatManyEventLoops() throws Exception {
        int loops = ServerThreads.eventLoops(Runtime.getRuntime().availableProcessors());
        Set<String> threads = new HashSet<>();
        // Vert.x hands out its event loops round-robin: twice as many contexts as loops name every loop.
        for (int i = 0; i < 4 * loops + 4; i++) {
            CompletableFuture<String> name = new CompletableFuture<>();
            ((io.vertx.core.impl.VertxInternal) vertx).createEventLoopContext()
                    .runOnContext(v -> name.complete(Thread.currentThread().getName()));
            threads.add(name.get(10, TimeUnit.SECONDS));
        }
        assertEquals(loops, threads.size(), "event loop threads: " + threads);
    }
}
