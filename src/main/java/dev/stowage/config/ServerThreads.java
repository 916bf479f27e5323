package dev.stowage.config;

/**
 * How the gateway splits the available processors (the container's CPU limit under Kubernetes) between the
 * Vert.x event loops, which parse request heads and move bytes between sockets and request threads, and the
 * carriers of the request threads (virtual threads): half each, at least one of each. With as many busy threads
 * as processors they do not preempt each other, and the client sharing the machine (the SDK benchmark's, here)
 * gets the rest. On the benchmark machine's 2 cores, with 1 event loop and 1 carrier instead of 2 and 2, the SDK
 * benchmark's 4 KiB GETs at concurrency 16 ran at 19,600 instead of 13,900 per second, HEADs at 23,400 instead of
 * 16,600 and PUTs at concurrency 64 at 4,760 instead of 2,670 (round 1 of two full runs; s3proxy, the control,
 * gave 11,800 and 11,500 GETs, 1,530 and 1,780 PUTs), and wrk's presigned 4 KiB PUTs at 9,300–9,400 instead of
 * 7,000–7,300 per
 * second. The server's own small-GET capacity under wrk is about the same: 48,700–50,500 per second with 1 and
 * 1, 52,600–54,300 with 2 and 2, 48,700–51,200 with Quarkus' 4 event loops.
 */
public final class ServerThreads {
    /** The JDK's setting of how many carriers run virtual threads (read when the first one starts). */
    public static final String CARRIERS = "jdk.virtualThreadScheduler.parallelism";

    private ServerThreads() {}

    public static int eventLoops(int processors) {
        return Math.max(1, processors / 2);
    }

    public static int carriers(int processors) {
        return Math.max(1, processors - eventLoops(processors));
    }

    static int processors() {
        return Math.max(1, Runtime.getRuntime().availableProcessors());
    }

    /**
     * Sets {@link #CARRIERS} to {@link #carriers} of the available processors unless it is set already
     * ({@code -Djdk.virtualThreadScheduler.parallelism=N} in {@code JAVA_OPTS}). Must run before the first virtual
     * thread starts: the gateway's main method calls it first.
     */
    public static void applyCarrierDefault() {
        if (System.getProperty(CARRIERS) == null) {
            System.setProperty(CARRIERS, Integer.toString(carriers(processors())));
        }
    }
}
