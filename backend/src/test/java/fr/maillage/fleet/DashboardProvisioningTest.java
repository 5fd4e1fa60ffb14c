package fr.maillage.fleet;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * Grafana's provisioning files in {@code dashboards/provisioning} say what the dashboards need: every datasource a
 * panel or query names is provisioned with the same uid and type, every provisioned one is used, the dashboard
 * provider points where the README mounts the JSON, and every variable the files read is documented.
 */
class DashboardProvisioningTest {

    static final Path ROOT = Path.of("..", "dashboards");
    static final Pattern VARIABLE = Pattern.compile("\\$\\{([A-Z0-9_]+)}");

    @SuppressWarnings("unchecked")
    static Map<String, Object> yaml(Path file) throws IOException {
        return (Map<String, Object>) new Yaml().load(Files.readString(file, StandardCharsets.UTF_8));
    }

    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> list(Map<String, Object> map, String key) {
        Object value = map.get(key);
        assertThat(value).as(key).isInstanceOf(List.class);
        return (List<Map<String, Object>>) value;
    }

    /** uid → type of the provisioned datasources. */
    static Map<String, String> provisioned() throws IOException {
        Map<String, Object> file = yaml(ROOT.resolve("provisioning/datasources.yaml"));
        assertThat(file).containsEntry("apiVersion", 1);
        Map<String, String> types = new HashMap<>();
        for (Map<String, Object> datasource : list(file, "datasources")) {
            assertThat(datasource).containsKeys("name", "uid", "type", "url").containsEntry("access", "proxy");
            assertThat(types.put((String) datasource.get("uid"), (String) datasource.get("type")))
                    .as("uid " + datasource.get("uid") + " provisioned once").isNull();
        }
        return types;
    }

    /** uid → type of every datasource reference in the dashboards' panels and queries. */
    @SuppressWarnings("unchecked")
    static Map<String, Set<String>> used() throws IOException {
        Map<String, Set<String>> used = new HashMap<>();
        List<Path> dashboards;
        try (Stream<Path> files = Files.list(ROOT.resolve("maillage"))) {
            dashboards = files.filter(f -> f.toString().endsWith(".json")).sorted().toList();
        }
        assertThat(dashboards).isNotEmpty();
        for (Path file : dashboards) {
            Map<String, Object> dashboard = yaml(file);
            List<Map<String, Object>> references = new ArrayList<>();
            for (Map<String, Object> panel : list(dashboard, "panels")) {
                references.add((Map<String, Object>) panel.get("datasource"));
                for (Map<String, Object> target : (List<Map<String, Object>>) panel.getOrDefault("targets", List.of())) {
                    if (target.get("datasource") != null) {
                        references.add((Map<String, Object>) target.get("datasource"));
                    }
                }
            }
            for (Map<String, Object> reference : references) {
                assertThat(reference).as("datasource of a panel of " + file).containsKeys("uid", "type");
                used.computeIfAbsent((String) reference.get("uid"), uid -> new HashSet<>())
                        .add((String) reference.get("type"));
            }
        }
        return used;
    }

    @Test
    void everyDatasourceThePanelsUseIsProvisionedWithItsTypeAndNoneIsUnused() throws IOException {
        Map<String, String> provisioned = provisioned();
        Map<String, Set<String>> used = used();

        assertThat(used.keySet()).as("uids the panels use").isEqualTo(provisioned.keySet());
        used.forEach((uid, types) -> assertThat(types).as("type of " + uid).containsExactly(provisioned.get(uid)));
    }

    @Test
    void exactlyOneDatasourceIsTheDefault() throws IOException {
        long defaults = list(yaml(ROOT.resolve("provisioning/datasources.yaml")), "datasources").stream()
                .filter(datasource -> Boolean.TRUE.equals(datasource.get("isDefault")))
                .count();

        assertThat(defaults).isEqualTo(1);
    }

    @Test
    @SuppressWarnings("unchecked")
    void dashboardProviderReadsFilesWhereTheReadmeMountsThem() throws IOException {
        Map<String, Object> file = yaml(ROOT.resolve("provisioning/dashboards.yaml"));
        assertThat(file).containsEntry("apiVersion", 1);
        List<Map<String, Object>> providers = list(file, "providers");
        assertThat(providers).hasSize(1);
        Map<String, Object> provider = providers.getFirst();
        assertThat(provider).containsEntry("type", "file").containsKey("folder");
        String path = (String) ((Map<String, Object>) provider.get("options")).get("path");

        assertThat(Files.readString(ROOT.resolve("README.md"))).contains("Mount (or copy) `maillage/` at `" + path + "`");
    }

    @Test
    void everyVariableTheProvisioningReadsIsDocumented() throws IOException {
        String readme = Files.readString(ROOT.resolve("README.md"));
        Set<String> variables = new HashSet<>();
        for (String name : List.of("datasources.yaml", "dashboards.yaml")) {
            Matcher matcher = VARIABLE.matcher(Files.readString(ROOT.resolve("provisioning").resolve(name)));
            while (matcher.find()) {
                variables.add(matcher.group(1));
            }
        }

        assertThat(variables).isNotEmpty().allSatisfy(variable -> assertThat(readme).contains("`" + variable + "`"));
    }
}
