package dev.stowage.bootstrap;

import dev.stowage.config.StowageConfig;
import dev.stowage.store.ObjectStore;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.nio.file.Path;
import org.eclipse.microprofile.config.ConfigProvider;
import org.jboss.logging.Logger;

/** Says, at start, where the gateway listens, where its data and credentials are, and how to talk to it. */
@ApplicationScoped
public class StartupBanner {
    private static final Logger LOG = Logger.getLogger(StartupBanner.class);

    void onStart(@Observes StartupEvent event, StowageConfig config, GatewayBeans.SystemUser systemUser, ObjectStore store) {
        int port = ConfigProvider.getConfig().getOptionalValue("quarkus.http.port", Integer.class).orElse(9000);
        String endpoint = "http://localhost:" + port;
        Path data = Path.of(config.dataDir()).toAbsolutePath();
        LOG.infof("""
                Stowage S3 gateway is up.
                  endpoint:            %s  (path-style; virtual-hosted under %s)
                  data directory:      %s
                  system credentials:  %s  (access key %s)
                  try:  AWS_SHARED_CREDENTIALS_FILE=%s AWS_DEFAULT_REGION=%s aws --endpoint-url %s s3 ls""",
                endpoint, String.join(", ", config.domains()), data, systemUser.credentialsFile(),
                systemUser.credential().accessKeyId(), systemUser.credentialsFile(), config.region(), endpoint);
    }

    void onStop(@Observes ShutdownEvent event) {
        LOG.info("Stowage is stopping: in-flight requests finish, then the store closes.");
    }
}
