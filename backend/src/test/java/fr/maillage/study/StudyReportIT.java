package fr.maillage.study;

import static fr.maillage.study.SessionFixture.times;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import fr.maillage.contract.SessionDetails.Agreement;
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
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The study report reproduces the e-Meuse headline figures from a dataset built to have them: 178 sessions at a
 * Meuse site in November 2026 (Verdun, Bar-le-Duc and Montmédy residents), 166 of them because a usual
 * consultation was hard to get (93.26 %, as in e-Meuse, whose 83 of 89 would leave a secret complement of 6),
 * 20 answers of satisfaction averaging 9.45, 60 answers of their professionals of which 49 feel their role
 * strengthened (81.67 %); plus sessions outside the period and in another département that must not count.
 */
@MicronautTest
class StudyReportIT extends RealServers {

    private static final ObjectMapper JSON = new ObjectMapper();

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
    void theEMeuseDataset() {
        SessionFixture fixture = new SessionFixture(processor, transactions);
        String meuse = siteId("verdun-cabin");
        String hauteMarne = siteId("chaumont-pharmacy");
        fixture.site(meuse, SiteKind.CABIN, "55545", null, null);
        fixture.site(hauteMarne, SiteKind.PHARMACY, "52121", null, null);
        Instant november = Instant.parse("2026-11-10T09:00:00Z");
        List<Session> sessions = new ArrayList<>();
        sessions.addAll(times(11, new Session(november, "55545", RecourseReason.NO_REGULAR_DOCTOR, 9)));
        // 60 professionals' answers, 49 of them agree or strongly agree (81.67 %, e-Meuse: over 80 %)
        Session verdunNoDoctor = new Session(november, "55545", RecourseReason.NO_REGULAR_DOCTOR, null);
        sessions.addAll(times(30, verdunNoDoctor.answered(Agreement.STRONGLY_AGREE)));
        sessions.addAll(times(39, verdunNoDoctor));
        sessions.addAll(times(9, new Session(november, "55029", RecourseReason.NO_APPOINTMENT_IN_TIME, 10)));
        Session barNoAppointment = new Session(november, "55029", RecourseReason.NO_APPOINTMENT_IN_TIME, null);
        sessions.addAll(times(19, barNoAppointment.answered(Agreement.AGREE)));
        sessions.addAll(times(32, barNoAppointment));
        Session montmedyOutOfHours = new Session(november, "55351", RecourseReason.OUT_OF_HOURS, null);
        sessions.addAll(times(6, montmedyOutOfHours.answered(Agreement.NEITHER_AGREE_NOR_DISAGREE)));
        sessions.addAll(times(4, montmedyOutOfHours.answered(Agreement.DISAGREE)));
        sessions.addAll(times(1, montmedyOutOfHours.answered(Agreement.STRONGLY_DISAGREE)));
        sessions.addAll(times(15, montmedyOutOfHours));
        sessions.addAll(times(12, new Session(november, "55545", RecourseReason.PATIENT_PREFERENCE, null)));
        fixture.sessions(meuse, sessions);
        // outside the period, and at a site of another département: not counted for the Meuse in November
        fixture.sessions(meuse, times(12, new Session(Instant.parse("2026-10-31T22:59:00Z"), "55545",
                RecourseReason.PATIENT_PREFERENCE, 0).answered(Agreement.DISAGREE)));
        fixture.sessions(hauteMarne, times(7, new Session(november, "55545", RecourseReason.PATIENT_PREFERENCE, 2)
                .answered(Agreement.STRONGLY_DISAGREE)));
    }

    private JsonNode report(String path) throws Exception {
        HttpResponse<String> response = new Http(server.getURI(), Tokens.evaluator()).get(path);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    @Test
    void reproducesTheHeadlineFiguresWithTheirIntervals() throws Exception {
        JsonNode report = report("/api/study/departements/55/report?from=2026-11-01&to=2026-11-30");

        assertThat(report.get("sessions").asLong()).isEqualTo(178);
        JsonNode hard = report.get("hardToAccess");
        assertThat(hard.get("n").asLong()).isEqualTo(178);
        assertThat(hard.get("count").asLong()).isEqualTo(166);
        assertThat(hard.get("share").asDouble()).isEqualTo(166.0 / 178);
        assertThat(Math.round(hard.get("share").asDouble() * 10_000) / 100.0).isEqualTo(93.26);
        assertThat(hard.get("ciLow").asDouble()).isCloseTo(0.885873478, within(1e-9));
        assertThat(hard.get("ciHigh").asDouble()).isCloseTo(0.961018100, within(1e-9));
        JsonNode satisfaction = report.get("satisfaction");
        assertThat(satisfaction.get("n").asLong()).isEqualTo(20);
        assertThat(satisfaction.get("mean").asDouble()).isEqualTo(9.45);
        assertThat(satisfaction.get("standardDeviation").asDouble()).isCloseTo(0.510417786, within(1e-9));
        assertThat(satisfaction.get("ciLow").asDouble()).isCloseTo(9.211117123, within(1e-8));
        assertThat(satisfaction.get("ciHigh").asDouble()).isCloseTo(9.688882877, within(1e-8));
        JsonNode strengthened = report.get("strengthenedRole");
        assertThat(strengthened.get("n").asLong()).isEqualTo(60);
        assertThat(strengthened.get("count").asLong()).isEqualTo(49);
        assertThat(strengthened.get("share").asDouble()).isEqualTo(49.0 / 60);
        assertThat(strengthened.get("ciLow").asDouble()).isCloseTo(0.700802463, within(1e-9));
        assertThat(strengthened.get("ciHigh").asDouble()).isCloseTo(0.894422031, within(1e-9));
        assertThat(strengthened.get("suppressed").asBoolean()).isFalse();
    }

    @Test
    void showsHowFarPatientsCameAndHowManyLiveWhereDoctorsAreScarce() throws Exception {
        JsonNode report = report("/api/study/departements/55/report?from=2026-11-01&to=2026-11-30");

        // Verdun's residents at the Verdun cabin: 0 km; Bar-le-Duc 44.8 km, Montmédy 41.1 km away
        Map<String, Long> bands = new HashMap<>();
        report.get("distanceToSiteKm").forEach(cell -> bands.put(cell.get("code").asText(), cell.get("count").asLong()));
        assertThat(bands).containsEntry("0-5", 92L).containsEntry("20-50", 86L).containsEntry("5-10", 0L)
                .containsEntry("50+", 0L).containsEntry("UNKNOWN", 0L);
        // no RPPS extraction imported: no nearest-GP distance rather than a wrong one
        assertThat(report.get("distanceToNearestGpKm").isNull()).isTrue();
        // Montmédy's APL 2023 is 1.243 (< 2.5); Verdun 4.222 and Bar-le-Duc 3.257 are not
        JsonNode fragile = report.get("fragileResidence");
        assertThat(fragile.get("count").asLong()).isEqualTo(26);
        assertThat(fragile.get("n").asLong()).isEqualTo(178);
        assertThat(fragile.get("share").asDouble()).isEqualTo(26.0 / 178);
        assertThat(fragile.get("ciLow").asDouble()).isCloseTo(0.101670449, within(1e-9));
        assertThat(fragile.get("ciHigh").asDouble()).isCloseTo(0.205418260, within(1e-9));
    }

    @Test
    void residentsArePlacedByTheirCommuneAndSmallCellsAreSuppressed() throws Exception {
        // Verdun's residents in November: 11 + 69 + 12 at the Meuse cabin, 7 at the Haute-Marne pharmacy
        JsonNode verdun = report("/api/study/communes/55545/report?from=2026-11-01&to=2026-11-30&by=residence");
        assertThat(verdun.get("sessions").asLong()).isEqualTo(99);
        assertThat(verdun.at("/hardToAccess/count").asLong()).isEqualTo(80);
        // their professionals answered 37 times: 30 strongly agree here, 7 strongly disagree in Haute-Marne, a
        // complement under 11, so the share is hidden
        assertThat(verdun.at("/strengthenedRole/n").asLong()).isEqualTo(37);
        assertThat(verdun.at("/strengthenedRole/share").isNull()).isTrue();
        assertThat(verdun.at("/strengthenedRole/suppressed").asBoolean()).isTrue();

        JsonNode hauteMarne = report("/api/study/departements/52/report?from=2026-11-01&to=2026-11-30");
        assertThat(hauteMarne.get("sessions").isNull()).isTrue();
        assertThat(hauteMarne.at("/hardToAccess/suppressed").asBoolean()).isTrue();
        assertThat(hauteMarne.at("/satisfaction/mean").isNull()).isTrue();
        assertThat(hauteMarne.at("/strengthenedRole/suppressed").asBoolean()).isTrue();
    }

    @Test
    void badParametersAre400AndSiteOperatorsAreRefused() {
        Http evaluator = new Http(server.getURI(), Tokens.evaluator());
        assertThat(evaluator.get("/api/study/departements/55/report?by=somewhere").statusCode()).isEqualTo(400);
        assertThat(evaluator.get("/api/study/regions/44/report").statusCode()).isEqualTo(400);
        assertThat(new Http(server.getURI(), Tokens.siteOperator("x")).get("/api/study/departements/55/report")
                .statusCode()).isEqualTo(403);
    }

    @Test
    void theDatasetIsPseudonymisedGeneralisedAndForEvaluatorsOnly() throws Exception {
        HttpResponse<String> response = new Http(server.getURI(), Tokens.evaluator())
                .get("/api/study/dataset.csv?from=2026-11-01&to=2026-11-30");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        List<String> lines = response.body().lines().toList();

        assertThat(lines.getFirst()).isEqualTo(String.join(",", StudyDatasets.COLUMNS));
        assertThat(lines).hasSize(1 + 178 + 7);
        assertThat(response.headers().firstValue("X-Withheld-Rows")).hasValue("0");
        List<String[]> rows = lines.stream().skip(1).map(line -> line.split(",", -1)).toList();
        assertThat(rows.stream().map(r -> r[0]).distinct()).hasSize(185);
        assertThat(response.body()).doesNotContain(siteId("verdun-cabin")).doesNotContain("2026-11-10");
        assertThat(rows).allSatisfy(r -> assertThat(r[5]).isEqualTo("COMMUNE"));
        // Verdun's residents at the cabin in Verdun: same commune, distance band 0-5 km
        assertThat(rows.stream().filter(r -> r[6].equals("55545") && r[2].equals("CABIN")))
                .hasSize(92).allSatisfy(r -> assertThat(r[14]).isEqualTo("0-5"));
        // the professionals' answers of November, Haute-Marne's seven included; empty where they did not answer
        assertThat(rows.stream().collect(Collectors.groupingBy(r -> r[15], Collectors.counting())))
                .containsOnly(Map.entry("STRONGLY_AGREE", 30L), Map.entry("AGREE", 19L),
                        Map.entry("NEITHER_AGREE_NOR_DISAGREE", 6L), Map.entry("DISAGREE", 4L),
                        Map.entry("STRONGLY_DISAGREE", 8L), Map.entry("", 118L));
        assertThat(new Http(server.getURI(), Tokens.admin()).get("/api/study/dataset.csv").statusCode())
                .isEqualTo(403);
        assertThat(new Http(server.getURI(), Tokens.evaluator()).get("/api/study/dataset/codebook.md").body())
                .contains("at least").contains("X-Withheld-Rows");
    }
}
