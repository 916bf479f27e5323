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
}
