package fr.maillage.study;

import static fr.maillage.study.SessionFixture.times;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import fr.maillage.contract.SessionDetails.RecourseReason;
import fr.maillage.contract.SiteKind;
import fr.maillage.ingest.MessageProcessor;
import fr.maillage.study.SessionFixture.Session;
import fr.maillage.support.Http;
import fr.maillage.support.RealServers;
import fr.maillage.support.Tokens;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Inject;
import java.io.InputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Distance and access in the study report with care supply imported from the hand-written RPPS file, whose general
 * practitioners practise in Bar-le-Duc (55029) and Verdun (55545) only. 58 sessions at a Verdun cabin in November
 * 2026: 20 from Verdun, 15 from Montmédy, 12 from Stenay, 11 from Ligny-en-Barrois. Great-circle distances between
 * the shipped centroids, worked out apart with the same haversine (R = 6,371.0088 km): Montmédy–Verdun 41.0893 km,
 * Stenay–Verdun 41.2110 km, Ligny–Verdun 54.0370 km, Ligny–Bar-le-Duc 14.9272 km (Montmédy and Stenay are about
 * 82–85 km from Bar-le-Duc, so Verdun is their nearest GP commune).
 */
@MicronautTest
class StudyAccessIT extends RealServers {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final double MONTMEDY_VERDUN = 41.089296289408786;
    private static final double STENAY_VERDUN = 41.21100208162043;
    private static final double LIGNY_VERDUN = 54.037030396880446;
    private static final double LIGNY_BAR = 14.927189277075273;

    @Inject EmbeddedServer server;
    @Inject MessageProcessor processor;
    @Inject TransactionOperations<Connection> transactions;

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> properties = new HashMap<>(super.getProperties());
        properties.put("maillage.ingest.enabled", "false");
        return properties;
    }

    @BeforeAll
    void rppsSupplyAndSessionsAtVerdun() throws Exception {
        Path file = Files.createTempFile("PS_LibreAcces_Personne_activite", ".txt");
        try (InputStream in = getClass().getClassLoader()
                .getResourceAsStream("territory/PS_LibreAcces_Personne_activite_test.txt")) {
            Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
        }
        HttpResponse<String> imported = new Http(server.getURI()).send(HttpRequest.newBuilder(
                        server.getURI().resolve("/api/admin/territory/imports"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(
                        "{\"dataset\":\"CARE_SUPPLY\",\"path\":\"" + file + "\"}")));
        Files.delete(file);
        assertThat(imported.statusCode()).as(imported.body()).isEqualTo(200);

        SessionFixture fixture = new SessionFixture(processor, transactions);
        String verdun = siteId("verdun-cabin");
        fixture.site(verdun, SiteKind.CABIN, "55545", null, null);
        Instant november = Instant.parse("2026-11-16T09:00:00Z");
        List<Session> sessions = new ArrayList<>();
        sessions.addAll(times(20, new Session(november, "55545", RecourseReason.NO_REGULAR_DOCTOR, null)));
        sessions.addAll(times(15, new Session(november, "55351", RecourseReason.DOCTOR_TOO_FAR, null)));
        sessions.addAll(times(12, new Session(november, "55502", RecourseReason.NO_APPOINTMENT_IN_TIME, null)));
        sessions.addAll(times(11, new Session(november, "55291", RecourseReason.OUT_OF_HOURS, null)));
        fixture.sessions(verdun, sessions);
    }

    private static Map<String, Long> bands(JsonNode cells) {
        Map<String, Long> bands = new LinkedHashMap<>();
        cells.forEach(cell -> bands.put(cell.get("code").asText(), cell.get("count").asLong()));
        return bands;
    }

    @Test
    @DisplayName("distances to the site and to the nearest GP commune, and the share from APL < 2.5 communes, equal"
            + " the hand-computed values")
    void distancesToTheSiteAndToTheNearestGp() throws Exception {
        HttpResponse<String> response = new Http(server.getURI(), Tokens.evaluator())
                .get("/api/study/communes/55545/report?from=2026-11-01&to=2026-11-30");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonNode report = JSON.readTree(response.body());

        assertThat(report.get("sessions").asLong()).isEqualTo(58);
        assertThat(bands(report.get("distanceToSiteKm")).keySet()).as("bands in distance order")
                .containsExactly("0-5", "5-10", "10-20", "20-50", "50+", "UNKNOWN");
        assertThat(bands(report.get("distanceToSiteKm"))).containsEntry("0-5", 20L).containsEntry("20-50", 27L)
                .containsEntry("50+", 11L).containsEntry("10-20", 0L).containsEntry("UNKNOWN", 0L);
        // Verdun's own GPs: 0 km; Ligny's nearest are in Bar-le-Duc
        assertThat(bands(report.get("distanceToNearestGpKm"))).containsEntry("0-5", 20L)
                .containsEntry("10-20", 11L).containsEntry("20-50", 27L).containsEntry("50+", 0L);

        JsonNode toSite = report.get("distanceToSite");
        assertThat(toSite.get("n").asLong()).isEqualTo(58);
        assertThat(toSite.get("meanKm").asDouble()).isCloseTo(
                (15 * MONTMEDY_VERDUN + 12 * STENAY_VERDUN + 11 * LIGNY_VERDUN) / 58, within(1e-6));
        // rank 29 of 58 from the nearest: past Verdun's 20, among Montmédy's 15
        assertThat(toSite.get("medianKm").asDouble()).isCloseTo(MONTMEDY_VERDUN, within(1e-6));
        JsonNode toGp = report.get("distanceToNearestGp");
        assertThat(toGp.get("meanKm").asDouble()).isCloseTo(
                (15 * MONTMEDY_VERDUN + 12 * STENAY_VERDUN + 11 * LIGNY_BAR) / 58, within(1e-6));
        assertThat(toGp.get("medianKm").asDouble()).isCloseTo(LIGNY_BAR, within(1e-6));

        // APL 2023: Montmédy 1.243 is under 2.5; Verdun 4.222, Stenay 2.941, Ligny 3.136 are not
        JsonNode fragile = report.get("fragileResidence");
        assertThat(fragile.get("count").asLong()).isEqualTo(15);
        assertThat(fragile.get("n").asLong()).isEqualTo(58);
        assertThat(fragile.get("share").asDouble()).isEqualTo(15.0 / 58);
    }
}
