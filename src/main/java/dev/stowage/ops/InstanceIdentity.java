package dev.stowage.ops;

import dev.stowage.config.StowageConfig;
import jakarta.inject.Singleton;
import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * The name of this gateway process among the replicas that share a data directory and a database:
 * {@code stowage.instance-id} ({@code STOWAGE_INSTANCE_ID}; the Kubernetes manifests set the pod name), else the
 * host name. Stable across restarts of the same replica.
 */
@Singleton
public class InstanceIdentity {
    private final String id;

    InstanceIdentity(StowageConfig config) {
        this.id = config.instanceId().filter(s -> !s.isBlank()).map(String::strip).orElseGet(InstanceIdentity::hostName);
    }

    public String id() {
        return id;
    }

    private static String hostName() {
        String env = System.getenv("HOSTNAME");
        if (env != null && !env.isBlank()) {
            return env.strip();
        }
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "localhost";
        }
    }
}
