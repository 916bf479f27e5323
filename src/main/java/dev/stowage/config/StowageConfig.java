package dev.stowage.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** Every Stowage setting, grouped. Each has a default; the README lists them with their environment names. */
@ConfigMapping(prefix = "stowage")
public interface StowageConfig {
    /** The data directory when none is set (relative to the working directory). */
    String DEFAULT_DATA_DIR = "data";

    /** Directory that holds buckets, objects, temp files, the first-start credentials and the embedded database. */
    @WithDefault(DEFAULT_DATA_DIR)
    String dataDir();

    /** Region reported by GetBucketLocation and HeadBucket; clients may sign with any region. */
    @WithDefault("us-east-1")
    String region();

    /**
     * Domains under which buckets are addressed virtual-hosted style: a request to {@code bucket.<domain>} is for
     * that bucket. Any other Host means path style.
     */
    @WithDefault("localhost")
    List<String> domains();

    /** The system user created at first start. */
    SystemUser systemUser();

    /** Limits of single requests. */
    Requests requests();

    /** How the filesystem store trades durability against speed. */
    Store store();

    /** The accounts database (the datasource itself is set with Quarkus' {@code quarkus.datasource.*}). */
    Database database();

    /** How ops and bandwidth limits are enforced. */
    Limits limits();

    // --- Metering and billing (README "Metering and billing") ---

    /** The metering endpoint: UTAPI ListMetrics and the CloudStack-style usage API. */
    Metering metering();

    /** The CloudStack-style usage API at {@code /client/api}. */
    Cloudstack cloudstack();

    /** The scheduled billing exports. */
    Billing billing();

    // ---- deployment and operations (issue 8) ----

    /**
     * A stable name of this gateway process, distinct among the replicas sharing a data directory and a database
     * (on Kubernetes the pod name); when unset, the host name. Names this replica in health answers and usage.
     */
    Optional<String> instanceId();

    /** The access log: one line per request. */
    AccessLog accessLog();

    interface AccessLog {
        /** Whether every finished request is logged, one line, to the logger category {@code dev.stowage.access}. */
        @WithDefault("false")
        boolean enabled();
    }

    /** Usage statistics: traffic counters, usage objects, storage accounting. */
    Usage usage();

    /** Multipart uploads in progress. */
    Multipart multipart();

    interface Multipart {
        /** Uploads started longer ago than this and neither completed nor aborted are removed with their parts. */
        @WithDefault("7d")
        Duration staleAfter();

        /** How often the removal of stale uploads runs. */
        @WithDefault("1h")
        String cleanupInterval();
    }

    /** Lifecycle rules of buckets. */
    Lifecycle lifecycle();

    interface Lifecycle {
        /** How often the buckets' lifecycle rules are carried out (s3/lifecycle/LifecycleWorker). */
        @WithDefault("1h")
        String interval();
    }

    interface SystemUser {
        /** Access key id of the system user; generated at first start when unset. */
        Optional<String> accessKey();

        /** Secret key of the system user; generated at first start when unset. */
        Optional<String> secretKey();

        /** Email the system user is known by. */
        @WithDefault("system@stowage.local")
        String email();
    }

    interface Store {
        /**
         * Whether DeleteObject fsyncs the object's directory before answering. Off by default: the delete is
         * made durable by the filesystem's journal shortly after (ext4: within 5 s); a crash in that window
         * brings the whole old object back, never a partial one. PUTs are always fsynced.
         */
        @WithDefault("false")
        boolean syncDeletes();
    }

    interface Requests {
        /** Largest object a single PUT may store (S3: 5 GiB). */
        @WithDefault("5368709120")
        long maxObjectSize();

        /** Largest XML request body accepted (CreateBucketConfiguration and the like). */
        @WithDefault("1048576")
        int maxXmlBody();
    }

    interface Limits {
        /**
         * How many gateway replicas share the load behind a load balancer. Rates are kept per process, so each
         * replica enforces {@code limit / replicas}: N replicas that share the traffic evenly give about the limit
         * in total. Limits themselves reach every replica within a second (PostgreSQL LISTEN/NOTIFY).
         */
        @WithDefault("1")
        int replicas();
    }

    interface Database {
        /**
         * Whether the gateway starts its own PostgreSQL in {@code <data-dir>/postgres} before Quarkus starts: {@code
         * auto} when no {@code quarkus.datasource.reactive.url} is set (as a system property or environment
         * variable), {@code always}, or {@code never}. Read by {@code StowageMain}, declared here to be documented.
         */
        @WithDefault("auto")
        Embedded embedded();

        /** The values of {@link #embedded()}. */
        enum Embedded {
            AUTO,
            ALWAYS,
            NEVER
        }
    }

    interface Metering {
        /** Whether the metering endpoint is started. */
        @WithDefault("true")
        boolean enabled();

        /** Its port; unset: the S3 port + 100 (UTAPI's convention). 0 picks a free port. */
        Optional<Integer> port();

        /** The interface it listens on; unset: the S3 endpoint's ({@code quarkus.http.host}). */
        Optional<String> host();
    }

    interface Cloudstack {
        /** The most records a list command answers per page ({@code default.page.size}). */
        @WithDefault("500")
        int defaultPageSize();

        /** Per-account API throttling ({@code api.throttling.*}). */
        Throttling throttling();

        /** The version shown in every response's {@code cloud-stack-version} attribute. */
        @WithDefault("4.18.0.0")
        String version();

        interface Throttling {
            /** Whether API calls per account are limited ({@code api.throttling.enabled}). */
            @WithDefault("false")
            boolean enabled();

            /** The window the calls are counted in, seconds ({@code api.throttling.interval}). */
            @WithDefault("1")
            int interval();

            /** Calls allowed per account per window ({@code api.throttling.max}). */
            @WithDefault("25")
            int max();
        }
    }

    interface Billing {
        /** When the daily export runs (Quartz cron, UTC): by default at 00:15 for the day before. */
        @WithDefault("0 15 0 * * ?")
        String exportCron();

        /** A bucket of this gateway the export files are written to; unset: none. */
        Optional<String> exportBucket();

        /** Key prefix of the export files in that bucket. */
        @WithDefault("billing/")
        String exportPrefix();

        /** A directory the export files are written to; unset: none. */
        Optional<String> exportDir();

        /** Attempts of a failed scheduled export before it waits for the next run. */
        @WithDefault("3")
        int exportAttempts();

        /** Seconds between attempts of a failed export. */
        @WithDefault("60")
        int exportRetryDelay();
    }

    interface Usage {
        /**
         * Whether requests are counted into usage objects (ostor's {@code S3_GW_COLLECT_STAT=1}). Storage
         * accounting (bytes and objects per bucket) runs either way.
         */
        @WithDefault("true")
        boolean collect();

        /** Length of a usage period in seconds: every period with traffic becomes one usage object. */
        @WithDefault("1800")
        long period();

        /**
         * Seconds between checkpoints of the open period's counters (and of the storage accounting) to disk: a
         * crash loses at most the counts of this interval.
         */
        @WithDefault("10")
        long checkpointInterval();

        /**
         * Seconds between scans that recompute every bucket's bytes and object count from the filesystem
         * (correcting drift from other replicas' writes); 0 scans only at start after an unclean stop.
         */
        @WithDefault("3600")
        long storageScanInterval();
    }
}
