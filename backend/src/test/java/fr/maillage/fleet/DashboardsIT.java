package fr.maillage.fleet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import fr.maillage.contract.Channel;
import fr.maillage.contract.ConnectionState;
import fr.maillage.contract.DeviceKind;
import fr.maillage.contract.Health;
import fr.maillage.contract.PatientProfile;
import fr.maillage.contract.ProbeReading;
import fr.maillage.contract.SessionDetails;
import fr.maillage.contract.SessionEvent;
import fr.maillage.contract.SiteDescriptor;
import fr.maillage.contract.SiteKind;
import fr.maillage.contract.SiteTopic;
import fr.maillage.contract.StateMessage;
import fr.maillage.contract.StatusMessage;
import fr.maillage.ingest.MqttIngestClient;
import fr.maillage.support.Http;
import fr.maillage.support.RealServers;
import fr.maillage.support.TestPublisher;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.json.JsonMapper;
import io.micronaut.json.tree.JsonNode;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every Grafana dashboard in {@code dashboards/maillage} is well formed, every metric its PromQL names is one this
 * application exports (read from its own {@code /prometheus}), and every PostgreSQL panel's SQL runs on the
 * migrated schema.
 */
@MicronautTest
class DashboardsIT extends RealServers {

    static final Path DASHBOARDS = Path.of("..", "dashboards", "maillage");
    static final Set<String> DATASOURCES = Set.of("maillage-prometheus", "maillage-postgres");
    static final Pattern METRIC = Pattern.compile("\\bmaillage_[a-z0-9_]+");
    static final String FROM = "'2026-01-01T00:00:00Z'";
    static final String TO = "'2026-12-31T00:00:00Z'";

    @Inject EmbeddedServer server;
    @Inject MqttIngestClient ingest;
    @Inject JsonMapper json;
    @Inject SqlRunner sql;

    /** Runs a panel's query in a read-only transaction, returning its column count. */
    @Singleton
    static class SqlRunner {
        private final JdbcOperations jdbc;

        SqlRunner(JdbcOperations jdbc) {
            this.jdbc = jdbc;
        }

        @Transactional(readOnly = true)
        int run(String query) {
            return jdbc.prepareStatement(query, ps -> {
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.getMetaData().getColumnCount();
                }
            });
        }
    }

    @Override
    public Map<String, String> getProperties() {
        var properties = new HashMap<>(super.getProperties());
        properties.put("maillage.territory.import-on-startup", "false");
        properties.put("maillage.fleet.metrics-refresh", "200ms");
        // What is exported is the question here, not who may scrape it.
        properties.put("endpoints.prometheus.sensitive", "false");
        return properties;
    }

    /** Makes every meter exist: a site with an agent backlog, a stored session, a dead letter. */
    private void feed() throws Exception {
        await().atMost(Duration.ofSeconds(20)).until(ingest::isConnected);
        String site = siteId("dashboards");
        try (var publisher = new TestPublisher(servers.mqttUri())) {
            publisher.publish(site, new StateMessage(1, UUID.randomUUID(), site, Instant.now(), 1, 0,
                    ConnectionState.ONLINE,
                    new SiteDescriptor("MSP de Stenay", SiteKind.HEALTH_CENTRE, "55502", 49.49, 5.19), "test"));
            publisher.publish(site, new StatusMessage(1, UUID.randomUUID(), site, Instant.now(), 1, 1, 60, List.of(
                    new ProbeReading("agent", DeviceKind.AGENT, Health.OK, null, Map.of("backlog", 3.0)))));
            Instant start = Instant.now().minus(20, ChronoUnit.MINUTES).truncatedTo(ChronoUnit.SECONDS);
            publisher.publish(site, new SessionEvent(1, UUID.randomUUID(), site, Instant.now(), 1, 2,
                    UUID.randomUUID(), SessionEvent.Type.COMPLETED, new SessionDetails(start,
                            start.plus(12, ChronoUnit.MINUTES), SessionDetails.ProfessionalRole.NURSE,
                            SessionDetails.PhysicianSpecialty.GENERAL_PRACTICE,
                            SessionDetails.RecourseReason.NO_REGULAR_DOCTOR,
                            new PatientProfile(PatientProfile.AgeBand.AGE_60_74, PatientProfile.Sex.FEMALE, "55502",
                                    false),
                            List.of(DeviceKind.STETHOSCOPE), SessionDetails.Outcome.PRESCRIPTION, 9)));
            publisher.publish(new SiteTopic(site, Channel.SESSION).topic(),
                    "{not json".getBytes(StandardCharsets.UTF_8), false);
            publisher.clearRetained(new SiteTopic(site, Channel.STATE).topic());
        }
    }

    private Set<String> exported() {
        var response = new Http(server.getURI()).get("/prometheus");
        assertThat(response.statusCode()).isEqualTo(200);
        Set<String> names = new HashSet<>();
        for (String line : response.body().split("\n")) {
            if (!line.isBlank() && !line.startsWith("#")) {
                names.add(line.split("[{ ]", 2)[0]);
            }
        }
        return names;
    }

    private List<Path> dashboards() throws IOException {
        try (Stream<Path> files = Files.list(DASHBOARDS)) {
            return files.filter(p -> p.toString().endsWith(".json")).sorted().toList();
        }
    }

    @Test
    void everyDashboardIsWellFormedUsesExportedMetricsAndRunnableSql() throws Exception {
        feed();
        List<Path> files = dashboards();
        assertThat(files).hasSizeGreaterThanOrEqualTo(5);

        Set<String> referenced = new HashSet<>();
        List<String> queries = new ArrayList<>();
        Set<String> uids = new HashSet<>();
        for (Path file : files) {
            JsonNode dashboard = json.readValue(Files.readString(file), JsonNode.class);
            assertThat(uids.add(dashboard.get("uid").getStringValue())).as("unique uid in " + file).isTrue();
            assertThat(dashboard.get("title").getStringValue()).as(file.toString()).isNotBlank();
            JsonNode panels = dashboard.get("panels");
            assertThat(panels.size()).as(file.toString()).isPositive();
            for (JsonNode panel : panels.values()) {
                String where = file.getFileName() + " / " + panel.get("title").getStringValue();
                assertThat(panel.get("type").getStringValue()).as(where).isNotBlank();
                assertThat(panel.get("gridPos").get("w").getIntValue()).as(where).isBetween(1, 24);
                assertThat(DATASOURCES).as(where).contains(panel.get("datasource").get("uid").getStringValue());
                assertThat(panel.get("targets").size()).as(where).isPositive();
                for (JsonNode target : panel.get("targets").values()) {
                    if (target.get("expr") != null) {
                        Matcher matcher = METRIC.matcher(target.get("expr").getStringValue());
                        int found = 0;
                        while (matcher.find()) {
                            referenced.add(matcher.group());
                            found++;
                        }
                        assertThat(found).as(where + " names a maillage metric").isPositive();
                    } else {
                        queries.add(where + "\n" + target.get("rawSql").getStringValue());
                    }
                }
            }
        }

        // The session is the first one this instance validates (HAPI's validator warms up), and the malformed
        // message behind it waits for it: on a loaded machine that takes more than a few seconds.
        await().atMost(Duration.ofSeconds(90)).untilAsserted(() -> assertThat(exported()).containsAll(referenced));
        assertThat(referenced).contains(
                "maillage_fleet_sites", "maillage_fleet_incidents_open", "maillage_fleet_notifications_total");
        for (String query : queries) {
            String where = query.substring(0, query.indexOf('\n'));
            String runnable = grafanaMacros(query.substring(query.indexOf('\n') + 1));
            assertThat(sql.run(runnable)).as(where).isPositive();
        }
    }

    /** Expands the macros of Grafana's PostgreSQL datasource the way Grafana does, for a fixed range. */
    static String grafanaMacros(String query) {
        return query.replaceAll("\\$__timeFilter\\(([^)]+)\\)", "$1 BETWEEN " + FROM + " AND " + TO)
                .replace("$__timeFrom()", FROM)
                .replace("$__timeTo()", TO);
    }
}
