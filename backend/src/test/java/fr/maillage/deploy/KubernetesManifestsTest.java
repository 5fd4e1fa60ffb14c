package fr.maillage.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * {@code deploy/k8s}: what a deployment beyond one machine needs is there — replicas, probes on Micronaut's health
 * endpoints, requests, a disruption budget, an autoscaler, configuration from Secrets, a clustered broker and an
 * operator-run PostgreSQL. There is no cluster here, so the manifests are read, not applied.
 */
class KubernetesManifestsTest {

    private static final Path K8S = Path.of("..").toAbsolutePath().normalize().resolve("deploy/k8s");

    @Test
    void theBackendRunsAtLeastTwoProbedReplicasWithRequests() throws IOException {
        Map<String, Object> deployment = only("Deployment");
        assertThat((Integer) map(deployment, "spec").get("replicas")).isGreaterThanOrEqualTo(2);
        Map<String, Object> container = container(deployment);
        assertThat(map(map(container, "readinessProbe"), "httpGet").get("path")).isEqualTo("/health/readiness");
        assertThat(map(map(container, "livenessProbe"), "httpGet").get("path")).isEqualTo("/health/liveness");
        assertThat(map(map(container, "resources"), "requests")).containsKeys("cpu", "memory");
    }

    @Test
    void secretsReachTheBackendThroughItsEnvironment() throws IOException {
        @SuppressWarnings("unchecked")
        var env = (List<Map<String, Object>>) container(only("Deployment")).get("env");
        List<String> fromSecrets = env.stream()
                .filter(variable -> variable.get("valueFrom") instanceof Map<?, ?> from && from.containsKey("secretKeyRef"))
                .map(variable -> (String) variable.get("name"))
                .toList();
        assertThat(fromSecrets).contains("MAILLAGE_DB_PASSWORD", "MAILLAGE_INGEST_PASSWORD", "MAILLAGE_JWT_SECRET");
    }

    @Test
    void aDisruptionBudgetAndAnAutoscalerKeepTwoReplicas() throws IOException {
        assertThat(map(only("PodDisruptionBudget"), "spec").get("minAvailable")).isEqualTo(1);
        assertThat((Integer) map(only("HorizontalPodAutoscaler"), "spec").get("minReplicas"))
                .isGreaterThanOrEqualTo(2);
    }

    @Test
    void theBrokerIsAClusteredEmqxAndPostgresqlIsRunByCloudNativePg() throws IOException {
        Map<String, Object> emqx = only("EMQX");
        assertThat((String) emqx.get("apiVersion")).startsWith("apps.emqx.io/");
        assertThat((Integer) map(map(map(emqx, "spec"), "coreTemplate"), "spec").get("replicas"))
                .isGreaterThanOrEqualTo(3);
        Map<String, Object> cluster = only("Cluster");
        assertThat((String) cluster.get("apiVersion")).startsWith("postgresql.cnpg.io/");
        assertThat((Integer) map(cluster, "spec").get("instances")).isGreaterThanOrEqualTo(2);
    }

    private static Map<String, Object> container(Map<String, Object> deployment) {
        @SuppressWarnings("unchecked")
        var containers = (List<Map<String, Object>>) map(map(map(deployment, "spec"), "template"), "spec")
                .get("containers");
        return containers.getFirst();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Map<String, Object> node, String key) {
        assertThat(node).as(key).containsKey(key);
        return (Map<String, Object>) node.get(key);
    }

    /** The one document of that kind among the manifests. */
    private static Map<String, Object> only(String kind) throws IOException {
        List<Map<String, Object>> found = new ArrayList<>();
        try (Stream<Path> files = Files.list(K8S)) {
            for (Path file : files.filter(p -> p.toString().endsWith(".yaml")).sorted().toList()) {
                try (Reader reader = Files.newBufferedReader(file)) {
                    for (Object document : new Yaml().loadAll(reader)) {
                        @SuppressWarnings("unchecked")
                        var manifest = (Map<String, Object>) document;
                        if (manifest != null && kind.equals(manifest.get("kind"))) {
                            found.add(manifest);
                        }
                    }
                }
            }
        }
        assertThat(found).as(kind).hasSize(1);
        return found.getFirst();
    }
}
