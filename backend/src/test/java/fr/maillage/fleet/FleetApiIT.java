package fr.maillage.fleet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import fr.maillage.contract.Channel;
import fr.maillage.contract.SiteDescriptor;
import fr.maillage.contract.SiteKind;
import fr.maillage.contract.SiteTopic;
import fr.maillage.ingest.MqttIngestClient;
import fr.maillage.support.Http;
import fr.maillage.support.RealServers;
import fr.maillage.support.SiteMessages;
import fr.maillage.support.TestPublisher;
import fr.maillage.support.Tokens;
import io.micronaut.core.type.Argument;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.json.JsonMapper;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code GET /api/fleet} and the territory filters of {@code GET /api/sites}: three sites born through the real
 * broker, two in Haute-Marne (two communes of one EPCI, one site gone OFFLINE) and one in the Meuse. The broker is
 * shared with other test runs, whose sites also arrive: exact counts are asserted on this test's own EPCIs and
 * communes (rows it writes itself, the reference data import being off).
 */
@MicronautTest
class FleetApiIT extends RealServers {

    /** EPCI SIRENs of the commune rows this test writes. */
    static final String EPCI_52 = "200068120";
    static final String EPCI_55 = "200049260";

    @Inject EmbeddedServer server;
    @Inject MqttIngestClient ingest;
    @Inject JsonMapper json;
    @Inject Communes communes;
    @Inject SiteRepository sites;

    private String chaumont;
    private String joinville;
    private String verdun;

    @Override
    public Map<String, String> getProperties() {
        var properties = new HashMap<>(super.getProperties());
        properties.put("maillage.territory.import-on-startup", "false");
        return properties;
    }

    /** Writes the communes the EPCI filter goes through. */
    @Singleton
    static class Communes {
        private final JdbcOperations jdbc;

        Communes(JdbcOperations jdbc) {
            this.jdbc = jdbc;
        }

        @Transactional
        void add(String inseeCode, String name, String departement, String epci) {
            jdbc.prepareStatement("""
                    INSERT INTO commune (insee_code, name, departement, epci_siren, population, postcodes, updated_at)
                    VALUES (?, ?, ?, ?, 1000, ARRAY['52000'], now())""", ps -> {
                ps.setString(1, inseeCode);
                ps.setString(2, name);
                ps.setString(3, departement);
                ps.setString(4, epci);
                return ps.executeUpdate();
            });
        }
    }

    @BeforeAll
    void threeSites() throws Exception {
        communes.add("52003", "Aigremont", "52", EPCI_52);
        communes.add("52017", "Andilly-en-Bassigny", "52", EPCI_52);
        communes.add("55008", "Amel-sur-l'Étang", "55", EPCI_55);
        await().atMost(Duration.ofSeconds(60)).until(ingest::isConnected);
        chaumont = siteId("fleet-chaumont");
        joinville = siteId("fleet-joinville");
        verdun = siteId("fleet-verdun");
        try (var publisher = new TestPublisher(servers.mqttUri())) {
            birth(publisher, chaumont, "Cabine d'Aigremont", SiteKind.CABIN, "52003");
            birth(publisher, joinville, "Pharmacie d'Andilly", SiteKind.PHARMACY, "52017");
            birth(publisher, verdun, "Cabine d'Amel", SiteKind.CABIN, "55008");
            publisher.publish(joinville, SiteMessages.will(joinville, 1));
        }
        await().atMost(Duration.ofSeconds(60)).until(() -> state(chaumont) == SiteState.ONLINE
                && state(verdun) == SiteState.ONLINE && state(joinville) == SiteState.OFFLINE);
    }

    @AfterAll
    void clearRetained() throws Exception {
        try (var publisher = new TestPublisher(servers.mqttUri())) {
            for (String site : List.of(chaumont, joinville, verdun)) {
                publisher.clearRetained(new SiteTopic(site, Channel.STATE).topic());
            }
        }
    }

    private static void birth(TestPublisher publisher, String site, String name, SiteKind kind, String insee)
            throws Exception {
        publisher.publish(site, SiteMessages.birth(site, 1, new SiteDescriptor(name, kind, insee, null, null)));
    }

    private SiteState state(String site) {
        return sites.findById(site).map(Site::state).orElse(SiteState.UNKNOWN);
    }

    /** The summary and the listed site ids of {@code GET /api/fleet?query}. */
    private record Fleet(Map<String, Object> summary, List<String> ids) {}

    @SuppressWarnings("unchecked")
    private Fleet fleet(String token, String query) throws Exception {
        HttpResponse<String> response = new Http(server.getURI(), token).get("/api/fleet?" + query);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        Map<String, Object> body = json.readValue(response.body(), Argument.mapOf(String.class, Object.class));
        List<Map<String, Object>> listed = (List<Map<String, Object>>) body.get("sites");
        return new Fleet((Map<String, Object>) body.get("summary"),
                listed.stream().map(site -> (String) site.get("id")).toList());
    }

    private static Map<String, Object> summary(int total, int online, int degraded, int offline, int unknown) {
        return Map.of("total", total, "online", online, "degraded", degraded, "offline", offline, "unknown", unknown);
    }

    private List<String> siteIds(String query) throws Exception {
        HttpResponse<String> response = new Http(server.getURI()).get("/api/sites?" + query);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return json.readValue(response.body(), Argument.listOf(Argument.mapOf(String.class, Object.class))).stream()
                .map(site -> (String) site.get("id"))
                .toList();
    }

    @Test
    void adminSeesTheWholeFleetCountedByState() throws Exception {
        Fleet all = fleet(Tokens.admin(), "");

        assertThat(all.ids()).contains(chaumont, joinville, verdun);
        assertThat(((Number) all.summary().get("total")).intValue()).isEqualTo(all.ids().size());
        assertThat(fleet(Tokens.admin(), "epci=" + EPCI_52).summary()).isEqualTo(summary(2, 1, 0, 1, 0));
    }

    @Test
    void filtersByDepartementEpciCommuneAndKind() throws Exception {
        assertThat(fleet(Tokens.admin(), "departement=52").ids()).contains(chaumont, joinville).doesNotContain(verdun);
        assertThat(fleet(Tokens.admin(), "epci=" + EPCI_52).ids()).containsExactly(chaumont, joinville);
        assertThat(fleet(Tokens.admin(), "commune=52017").ids()).containsExactly(joinville);
        assertThat(fleet(Tokens.admin(), "epci=" + EPCI_52 + "&kind=CABIN").ids()).containsExactly(chaumont);
        assertThat(fleet(Tokens.admin(), "epci=" + EPCI_55 + "&kind=PHARMACY").summary())
                .isEqualTo(summary(0, 0, 0, 0, 0));
        assertThat(fleet(Tokens.admin(), "departement=55&epci=" + EPCI_52).ids()).isEmpty();
    }

    @Test
    void stateFilterNarrowsTheSitesButNotTheSummary() throws Exception {
        Fleet offline = fleet(Tokens.admin(), "epci=" + EPCI_52 + "&state=OFFLINE");

        assertThat(offline.ids()).containsExactly(joinville);
        assertThat(offline.summary()).isEqualTo(summary(2, 1, 0, 1, 0));
    }

    @Test
    void coordinatorSeesOnlyTheSitesOfItsTerritory() throws Exception {
        assertThat(fleet(Tokens.coordinator("52"), "").ids()).contains(chaumont, joinville).doesNotContain(verdun);
        assertThat(fleet(Tokens.coordinator("55"), "").ids()).contains(verdun).doesNotContain(chaumont, joinville);
        assertThat(fleet(Tokens.coordinator("52"), "epci=" + EPCI_55).summary()).isEqualTo(summary(0, 0, 0, 0, 0));
        assertThat(fleet(Tokens.coordinator(EPCI_52), "").ids()).containsExactly(chaumont, joinville);
        assertThat(fleet(Tokens.coordinator(EPCI_55), "kind=CABIN").ids()).containsExactly(verdun);
    }

    @Test
    void onlyCoordinatorsAndAdminsMayReadTheFleet() {
        assertThat(new Http(server.getURI(), Tokens.evaluator()).get("/api/fleet").statusCode()).isEqualTo(403);
        assertThat(new Http(server.getURI(), Tokens.siteOperator(chaumont)).get("/api/fleet").statusCode())
                .isEqualTo(403);
        assertThat(Http.anonymous(server.getURI()).get("/api/fleet").statusCode()).isEqualTo(401);
    }

    @Test
    void malformedTerritoryIsABadRequestThatNamesIt() {
        var http = new Http(server.getURI());

        assertThat(http.get("/api/fleet?departement=5").body()).contains("departement must be a département code");
        assertThat(http.get("/api/fleet?departement=5").statusCode()).isEqualTo(400);
        assertThat(http.get("/api/fleet?epci=2000").statusCode()).isEqualTo(400);
        assertThat(http.get("/api/fleet?commune=521").statusCode()).isEqualTo(400);
        assertThat(http.get("/api/fleet?kind=BOAT").statusCode()).isEqualTo(400);
        assertThat(http.get("/api/sites?epci=x").statusCode()).isEqualTo(400);
    }

    @Test
    void siteListHasTheSameTerritoryFilters() throws Exception {
        assertThat(siteIds("epci=" + EPCI_52)).containsExactly(chaumont, joinville);
        assertThat(siteIds("commune=55008")).containsExactly(verdun);
        assertThat(siteIds("epci=" + EPCI_52 + "&state=ONLINE")).containsExactly(chaumont);
    }
}
