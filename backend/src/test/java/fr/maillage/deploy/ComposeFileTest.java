package fr.maillage.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * {@code deploy/compose/docker-compose.yml}: Docker Compose (v2 plugin or v1) accepts it where installed, and what
 * it mounts is where the services look — Grafana's provisioning, the dashboards and the datasource uids their
 * panels name.
 */
class ComposeFileTest {

    private static final Path REPOSITORY = Path.of("..").toAbsolutePath().normalize();
    private static final Path COMPOSE = REPOSITORY.resolve("deploy/compose");
    private static final Path FILE = COMPOSE.resolve("docker-compose.yml");
    /** What an operator creates beside the file before {@code docker compose up} (see its README). */
    private static final Path SECRETS = COMPOSE.resolve("secrets");
    private static final Map<String, String> ENV = Map.of(
            "POSTGRES_PASSWORD", "x", "MQTT_BACKEND_PASSWORD", "x", "JWT_SECRET", "x", "GRAFANA_PASSWORD", "x",
            "GRAFANA_DB_PASSWORD", "x", "KEYCLOAK_PASSWORD", "x", "TRUSTSTORE_PASSWORD", "x");

    @Test
    void dockerComposeAcceptsTheFile() throws Exception {
        List<String> compose = composeCommand();
        assumeThat(compose).as("neither `docker compose` nor `docker-compose` here: `config` not run").isNotEmpty();

        List<String> command = new ArrayList<>(compose);
        command.addAll(List.of("-f", FILE.toString(), "config", "--quiet"));
        var builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().putAll(ENV);
        Process config = builder.start();
        String output = new String(config.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(config.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(config.exitValue()).as(String.join(" ", command) + "\n" + output).isZero();
    }

    /**
     * The Compose of this machine: the docker client's plugin ({@code docker compose}), else the stand-alone
     * {@code docker-compose} (Debian 12 packages 1.29, which reads the same file); empty when neither answers.
     */
    private static List<String> composeCommand() throws InterruptedException {
        for (List<String> candidate : List.of(List.of("docker", "compose"), List.of("docker-compose"))) {
            List<String> version = new ArrayList<>(candidate);
            version.add("version");
            Process probe = command(version.toArray(String[]::new));
            if (probe != null && probe.waitFor(30, TimeUnit.SECONDS) && probe.exitValue() == 0) {
                return candidate;
            }
        }
        return List.of();
    }

    @Test
    void everyServiceHasAHealthCheck() throws IOException {
        services().forEach((name, service) -> assertThat(service).as(name).containsKey("healthcheck"));
    }

    @Test
    void everyMountedRepositoryFileExists() throws IOException {
        for (Map<String, Object> service : services().values()) {
            for (String[] mount : binds(service)) {
                Path source = COMPOSE.resolve(mount[0]).normalize();
                if (!source.startsWith(SECRETS)) {
                    assertThat(source).as(mount[0]).exists();
                }
            }
        }
    }

    @Test
    void grafanaFindsItsProvisioningAndTheDashboardsWhereItsProviderLooks() throws IOException {
        List<String[]> mounts = binds(services().get("grafana"));
        Path providers = REPOSITORY.resolve("dashboards/provisioning/dashboards.yaml");
        assertThat(target(mounts, providers)).startsWith("/etc/grafana/provisioning/dashboards/").endsWith(".yaml");
        assertThat(target(mounts, REPOSITORY.resolve("dashboards/provisioning/datasources.yaml")))
                .startsWith("/etc/grafana/provisioning/datasources/").endsWith(".yaml");

        Map<String, Object> provisioning = yaml(providers);
        @SuppressWarnings("unchecked")
        var provider = ((List<Map<String, Object>>) provisioning.get("providers")).getFirst();
        @SuppressWarnings("unchecked")
        String path = (String) ((Map<String, Object>) provider.get("options")).get("path");
        assertThat(target(mounts, REPOSITORY.resolve("dashboards/maillage"))).isEqualTo(path);
    }

    @Test
    void panelsNameOnlyProvisionedDatasources() throws IOException {
        Set<String> provisioned = new HashSet<>();
        @SuppressWarnings("unchecked")
        var datasources = (List<Map<String, Object>>) yaml(REPOSITORY.resolve("dashboards/provisioning/datasources.yaml"))
                .get("datasources");
        datasources.forEach(d -> provisioned.add((String) d.get("uid")));
        assertThat(provisioned).contains("maillage-prometheus", "maillage-postgres");

        Set<String> used = new HashSet<>();
        try (Stream<Path> dashboards = Files.list(REPOSITORY.resolve("dashboards/maillage"))) {
            for (Path dashboard : dashboards.filter(p -> p.toString().endsWith(".json")).toList()) {
                collectDatasourceUids(yaml(dashboard), used);
            }
        }
        assertThat(used).isNotEmpty();
        assertThat(provisioned).containsAll(used);
    }

    @SuppressWarnings("unchecked")
    private static void collectDatasourceUids(Object node, Set<String> uids) {
        if (node instanceof Map<?, ?> map) {
            if (map.get("datasource") instanceof Map<?, ?> datasource && datasource.get("uid") instanceof String uid
                    && !uid.startsWith("$")) {
                uids.add(uid);
            }
            map.values().forEach(value -> collectDatasourceUids(value, uids));
        } else if (node instanceof List<?> list) {
            list.forEach(value -> collectDatasourceUids(value, uids));
        }
    }

    private static String target(List<String[]> mounts, Path source) {
        return mounts.stream()
                .filter(m -> COMPOSE.resolve(m[0]).normalize().equals(source))
                .map(m -> m[1])
                .findFirst()
                .orElseThrow(() -> new AssertionError(source + " is not mounted"));
    }

    /** Bind mounts of a service (short syntax): source relative to the compose file, container path. */
    private static List<String[]> binds(Map<String, Object> service) {
        List<String[]> binds = new ArrayList<>();
        @SuppressWarnings("unchecked")
        var volumes = (List<String>) service.getOrDefault("volumes", List.of());
        for (String volume : volumes) {
            String[] parts = volume.split(":");
            if (parts[0].startsWith(".")) {
                binds.add(new String[] {parts[0], parts[1]});
            }
        }
        return binds;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Map<String, Object>> services() throws IOException {
        return (Map<String, Map<String, Object>>) yaml(FILE).get("services");
    }

    private static Map<String, Object> yaml(Path file) throws IOException {
        try (Reader reader = Files.newBufferedReader(file)) {
            return new Yaml().load(reader);
        }
    }

    /** The started process, or null when the command is not installed. */
    private static Process command(String... command) {
        try {
            return new ProcessBuilder(command).redirectErrorStream(true).start();
        } catch (IOException notInstalled) {
            return null;
        }
    }
}
