package dev.stowage.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stowage.accounts.db.PostgresUrl;
import dev.stowage.ops.DatabaseHealthCheck;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.EnvFromSource;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretKeySelector;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.quarkus.runtime.configuration.DurationConverter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The manifests in {@code k8s/} against the application itself, since no cluster runs here: parsed with fabric8's
 * Kubernetes model as {@code kubectl apply -k k8s/} would take them, then checked for what a drift would break —
 * probes on the real health endpoints and port, every environment variable a real run-time setting, references
 * to Secrets and ConfigMaps that exist, the shared volume where the data directory is, settings that must agree
 * with the Deployment (replicas, shutdown timing), Service and PodDisruptionBudget selecting the gateway pods.
 */
class KubernetesManifestsTest {
    private static final Path K8S = Path.of("k8s");
    private static final Manifests MANIFESTS = Manifests.load(K8S);
    private static final ApplicationSettings SETTINGS = ApplicationSettings.load();

    private static Deployment gateway() {
        return MANIFESTS.one(Deployment.class, "stowage");
    }

    private static PodSpec pod() {
        return gateway().getSpec().getTemplate().getSpec();
    }

    private static Container container() {
        assertThat(pod().getContainers()).hasSize(1);
        return pod().getContainers().get(0);
    }

    /** The gateway's environment: the ConfigMaps of envFrom, then env (which wins), by name; values as written. */
    private static Map<String, EnvVar> environment() {
        Map<String, EnvVar> env = new HashMap<>();
        for (EnvFromSource from : container().getEnvFrom()) {
            ConfigMap map = MANIFESTS.one(ConfigMap.class, from.getConfigMapRef().getName());
            map.getData().forEach((k, v) -> env.put(k, new EnvVar(k, v, null)));
        }
        container().getEnv().forEach(e -> env.put(e.getName(), e));
        return env;
    }

    private static String value(String name) {
        EnvVar var = environment().get(name);
        assertThat(var).as("environment variable %s of the gateway", name).isNotNull();
        return var.getValue();
    }

    @Test
    void manifests_parseWithTheKubernetesModel_withoutUnknownFields() {
        assertThat(MANIFESTS.unknownFields()).as("fields the Kubernetes API does not have").isEmpty();
        assertThat(MANIFESTS.all(Deployment.class)).hasSize(1);
    }

    @Test
    void everyYamlFileUnderK8s_isPartOfTheKustomization() throws IOException {
        try (Stream<Path> walk = Files.walk(K8S)) {
            List<Path> yaml = walk.filter(p -> p.toString().endsWith(".yaml") || p.toString().endsWith(".yml"))
                    .map(Path::normalize).toList();
            assertThat(MANIFESTS.files()).containsExactlyInAnyOrderElementsOf(yaml);
        }
    }

    @Test
    void gatewayEnvironment_namesOnlyRealRunTimeSettings() {
        Map<String, EnvVar> env = environment();
        assertThat(env).isNotEmpty();
        for (String name : env.keySet()) {
            assertThat(SETTINGS.property(name)).as("%s is a run-time setting of the gateway (StowageConfig, or a Quarkus "
                    + "setting that is not fixed at build time)", name).isNotNull();
        }
    }

    @Test
    void gatewayEnvironment_referencesSecretKeysThatExist() {
        for (EnvVar var : container().getEnv()) {
            if (var.getValueFrom() != null && var.getValueFrom().getSecretKeyRef() != null) {
                SecretKeySelector ref = var.getValueFrom().getSecretKeyRef();
                Secret secret = MANIFESTS.one(Secret.class, ref.getName());
                Map<String, String> keys = new HashMap<>();
                if (secret.getStringData() != null) {
                    keys.putAll(secret.getStringData());
                }
                if (secret.getData() != null) {
                    keys.putAll(secret.getData());
                }
                assertThat(keys).as("Secret %s for %s", ref.getName(), var.getName()).containsKey(ref.getKey());
            }
        }
        assertThat(environment()).containsKeys("STOWAGE_SYSTEM_USER_ACCESS_KEY", "STOWAGE_SYSTEM_USER_SECRET_KEY",
                "QUARKUS_DATASOURCE_USERNAME", "QUARKUS_DATASOURCE_PASSWORD");
    }

    @Test
    void everyReplica_hasItsPodNameAsInstanceId() {
        EnvVar id = environment().get("STOWAGE_INSTANCE_ID");
        assertThat(id).isNotNull();
        assertThat(id.getValueFrom().getFieldRef().getFieldPath()).isEqualTo("metadata.name");
        assertThat(SETTINGS.property("STOWAGE_INSTANCE_ID")).isEqualTo("stowage.instance-id");
    }

    @Test
    void limitsReplicasSetting_equalsTheDeploymentsReplicas() {
        int replicas = gateway().getSpec().getReplicas();
        assertThat(replicas).as("several replicas").isGreaterThanOrEqualTo(2);
        assertThat(Integer.parseInt(value("STOWAGE_LIMITS_REPLICAS"))).isEqualTo(replicas);
    }

    @Test
    void containerPort_isTheApplicationsHttpPort() {
        ContainerPort port = httpPort();
        assertThat(port.getContainerPort()).isEqualTo(Integer.parseInt(SETTINGS.packaged("quarkus.http.port", "8080")));
        assertThat(environment()).doesNotContainKey("QUARKUS_HTTP_PORT");
    }

    @Test
    void probes_useTheSmallRyeHealthEndpointsOnTheHttpPort() {
        String health = "/" + SETTINGS.packaged("quarkus.http.non-application-root-path", "q") + "/"
                + SETTINGS.packaged("quarkus.smallrye-health.root-path", "health");
        assertProbe(container().getReadinessProbe(), health + "/ready");
        assertProbe(container().getLivenessProbe(), health + "/live");
        assertProbe(container().getStartupProbe(), health + "/started");
        assertThat(container().getReadinessProbe().getTimeoutSeconds())
                .as("readiness timeout longer than the database check's own")
                .isGreaterThan((int) DatabaseHealthCheck.TIMEOUT.toSeconds());
    }

    @Test
    void prometheusAnnotations_pointAtTheMetricsEndpoint() {
        Map<String, String> annotations = gateway().getSpec().getTemplate().getMetadata().getAnnotations();
        assertThat(annotations).containsEntry("prometheus.io/path",
                "/" + SETTINGS.packaged("quarkus.http.non-application-root-path", "q") + "/metrics");
        assertThat(annotations).containsEntry("prometheus.io/port", Integer.toString(httpPort().getContainerPort()));
    }

    @Test
    void dataDirectory_isTheSharedReadWriteManyVolume() {
        String dataDir = value("STOWAGE_DATA_DIR");
        VolumeMount mount = container().getVolumeMounts().stream().filter(m -> m.getMountPath().equals(dataDir))
                .findFirst().orElseThrow(() -> new AssertionError("nothing mounted at STOWAGE_DATA_DIR " + dataDir));
        Volume volume = pod().getVolumes().stream().filter(v -> v.getName().equals(mount.getName())).findFirst()
                .orElseThrow();
        assertThat(volume.getPersistentVolumeClaim()).as("volume %s is a PVC", volume.getName()).isNotNull();
        PersistentVolumeClaim claim = MANIFESTS.one(PersistentVolumeClaim.class, volume.getPersistentVolumeClaim().getClaimName());
        assertThat(claim.getSpec().getAccessModes()).containsExactly("ReadWriteMany");
    }

    @Test
    void database_isTheExamplePostgresService_neverEmbedded() {
        assertThat(value("STOWAGE_DATABASE_EMBEDDED")).isEqualTo("never");
        PostgresUrl url = PostgresUrl.parse(value("QUARKUS_DATASOURCE_REACTIVE_URL"));
        Service service = MANIFESTS.one(Service.class, url.host());
        ServicePort port = service.getSpec().getPorts().stream().filter(p -> p.getPort() == url.port()).findFirst()
                .orElseThrow(() -> new AssertionError("Service " + url.host() + " has no port " + url.port()));
        StatefulSet postgres = MANIFESTS.all(StatefulSet.class).stream()
                .filter(s -> selects(service.getSpec().getSelector(), s.getSpec().getTemplate().getMetadata().getLabels()))
                .findFirst().orElseThrow(() -> new AssertionError("no StatefulSet behind Service " + url.host()));
        Container db = postgres.getSpec().getTemplate().getSpec().getContainers().get(0);
        assertThat(db.getPorts()).anyMatch(p -> matches(port.getTargetPort(), p));
        assertThat(db.getEnv()).anyMatch(e -> e.getName().equals("POSTGRES_DB") && url.database().equals(e.getValue()));
        assertThat(postgres.getSpec().getVolumeClaimTemplates()).isNotEmpty();
    }

    @Test
    void terminationGracePeriod_coversTheShutdownDelayAndTimeout() {
        Duration delay = DurationConverter.parseDuration(value("QUARKUS_SHUTDOWN_DELAY"));
        Duration timeout = DurationConverter.parseDuration(value("QUARKUS_SHUTDOWN_TIMEOUT"));
        assertThat(delay).as("readiness goes down before requests are refused").isPositive();
        assertThat(Duration.ofSeconds(pod().getTerminationGracePeriodSeconds())).isGreaterThan(delay.plus(timeout));
        assertThat(SETTINGS.packaged("quarkus.shutdown.delay-enabled", "false")).isEqualTo("true");
    }

    @Test
    void resources_haveRequestsAndLimitsForCpuAndMemory() {
        for (Container c : allContainers()) {
            Map<String, Quantity> requests = c.getResources().getRequests();
            Map<String, Quantity> limits = c.getResources().getLimits();
            assertThat(requests).as("requests of %s", c.getName()).containsKeys("cpu", "memory");
            assertThat(limits).as("limits of %s", c.getName()).containsKeys("cpu", "memory");
            for (String resource : List.of("cpu", "memory")) {
                assertThat(requests.get(resource).getNumericalAmount())
                        .as("%s request of %s within its limit", resource, c.getName())
                        .isLessThanOrEqualTo(limits.get(resource).getNumericalAmount());
            }
        }
    }

    @Test
    void serviceAndDisruptionBudget_selectTheGatewayPods() {
        Map<String, String> labels = gateway().getSpec().getTemplate().getMetadata().getLabels();
        assertThat(selects(gateway().getSpec().getSelector().getMatchLabels(), labels)).isTrue();
        Service service = MANIFESTS.one(Service.class, "stowage");
        assertThat(selects(service.getSpec().getSelector(), labels)).isTrue();
        assertThat(service.getSpec().getPorts()).allMatch(p -> matches(p.getTargetPort(), httpPort()));
        PodDisruptionBudget pdb = MANIFESTS.one(PodDisruptionBudget.class, "stowage");
        assertThat(selects(pdb.getSpec().getSelector().getMatchLabels(), labels)).isTrue();
        assertThat(pdb.getSpec().getMaxUnavailable().getIntVal()).isBetween(1, gateway().getSpec().getReplicas() - 1);
        assertThat(gateway().getSpec().getStrategy().getRollingUpdate().getMaxUnavailable().getIntVal())
                .as("a rolling update keeps every replica until its successor is ready").isZero();
    }

    private static void assertProbe(Probe probe, String path) {
        assertThat(probe).as("probe on %s", path).isNotNull();
        assertThat(probe.getHttpGet()).as("HTTP probe on %s", path).isNotNull();
        assertThat(probe.getHttpGet().getPath()).isEqualTo(path);
        assertThat(matches(probe.getHttpGet().getPort(), httpPort())).as("probe %s on the HTTP port", path).isTrue();
    }

    private static ContainerPort httpPort() {
        assertThat(container().getPorts()).hasSize(1);
        return container().getPorts().get(0);
    }

    private static boolean matches(IntOrString target, ContainerPort port) {
        return target.getIntVal() != null ? target.getIntVal().equals(port.getContainerPort())
                : target.getStrVal().equals(port.getName());
    }

    private static boolean selects(Map<String, String> selector, Map<String, String> labels) {
        return selector != null && !selector.isEmpty() && labels.entrySet().containsAll(selector.entrySet());
    }

    private static List<Container> allContainers() {
        return Stream.concat(MANIFESTS.all(Deployment.class).stream().map(d -> d.getSpec().getTemplate().getSpec()),
                MANIFESTS.all(StatefulSet.class).stream().map(s -> s.getSpec().getTemplate().getSpec()))
                .flatMap(p -> p.getContainers().stream()).toList();
    }
}
