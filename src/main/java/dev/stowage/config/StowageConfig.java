package dev.stowage.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.util.List;
import java.util.Optional;

/** Every Stowage setting, grouped. Each has a default; the README lists them with their environment names. */
@ConfigMapping(prefix = "stowage")
public interface StowageConfig {

    /** Directory that holds buckets, objects, temp files and the first-start credentials. */
    @WithDefault("data")
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

    interface SystemUser {
        /** Access key id of the system user; generated at first start when unset. */
        Optional<String> accessKey();

        /** Secret key of the system user; generated at first start when unset. */
        Optional<String> secretKey();

        /** Email the system user is known by. */
        @WithDefault("system@stowage.local")
        String email();
    }

    interface Requests {
        /** Largest object a single PUT may store (S3: 5 GiB). */
        @WithDefault("5368709120")
        long maxObjectSize();

        /** Largest XML request body accepted (CreateBucketConfiguration and the like). */
        @WithDefault("1048576")
        int maxXmlBody();
    }
}
