package dev.stowage.metering.cloudstack;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.Iterator;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;
import org.jboss.logging.Logger;

/**
 * The asynchronous jobs of the usage API: started with a job id at once, run on a virtual thread, polled with
 * {@code queryAsyncJobResult}. Held in memory by the replica that took the command (poll the same endpoint);
 * the latest {@value #MAX_JOBS} are kept.
 */
@ApplicationScoped
public class AsyncJobs {
    private static final Logger LOG = Logger.getLogger(AsyncJobs.class);
    static final int MAX_JOBS = 1000;

    /** A job's state: CloudStack's jobstatus 0 (pending), 1 (succeeded), 2 (failed). */
    public enum Status {
        PENDING(0),
        SUCCEEDED(1),
        FAILED(2);

        final int code;

        Status(int code) {
            this.code = code;
        }
    }

    /** A job: its command, who started it, when, and (once finished) its result or error text. */
    public record Job(String id, String command, String userId, Instant created, Status status,
            Map<String, Object> result, String error) {}

    private final Map<String, Job> jobs = new ConcurrentHashMap<>();
    private final ExecutorService runner = Executors.newVirtualThreadPerTaskExecutor();

    /** Starts {@code work} and returns the job id. */
    public String start(String command, String userId, Supplier<Map<String, Object>> work) {
        String id = UUID.randomUUID().toString();
        jobs.put(id, new Job(id, command, userId, Instant.now(), Status.PENDING, null, null));
        trim();
        runner.execute(() -> {
            Job job = jobs.get(id);
            try {
                Map<String, Object> result = work.get();
                jobs.put(id, new Job(id, command, userId, job.created(), Status.SUCCEEDED, result, null));
            } catch (RuntimeException e) {
                LOG.warnf(e, "job %s (%s) failed", id, command);
                jobs.put(id, new Job(id, command, userId, job.created(), Status.FAILED, null, String.valueOf(e.getMessage())));
            }
        });
        return id;
    }

    /** The job of an id, or null. */
    public Job get(String id) {
        return id == null ? null : jobs.get(id);
    }

    private void trim() {
        if (jobs.size() <= MAX_JOBS) {
            return;
        }
        Iterator<Job> oldest = jobs.values().stream()
                .filter(j -> j.status() != Status.PENDING)
                .sorted((a, b) -> a.created().compareTo(b.created()))
                .limit(jobs.size() - MAX_JOBS)
                .iterator();
        oldest.forEachRemaining(j -> jobs.remove(j.id()));
    }
}
