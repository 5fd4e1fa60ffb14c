package fr.maillage.study;

import static fr.maillage.study.SessionFixture.times;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import fr.maillage.contract.PatientProfile;
import fr.maillage.contract.SessionDetails.RecourseReason;
import fr.maillage.contract.SiteKind;
import fr.maillage.ingest.MessageProcessor;
import fr.maillage.study.SessionFixture.Session;
import fr.maillage.support.Http;
import fr.maillage.support.RealServers;
import fr.maillage.support.Tokens;
import io.micronaut.jdbc.DataSourceResolver;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Inject;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Before and after the opening of a cabin at Montmédy (55351), on a hand-built dataset. The expected values were
 * worked out from the shipped reference data with the same great-circle formula:
 * <ul>
 *   <li>catchment, 5 km: 11 communes (55034 55109 55226 55252 55351 55510 55511 55546 55547 55552 55554),
 *       3,533 inhabitants, APL 2023 weighted by standardised population 1.41339 (band {@code <2.5});</li>
 *   <li>comparison: the 159 inhabited Meuse communes with APL 2023 under 2.5 and neither the Montmédy nor the
 *       Bar-le-Duc site within 5 km, 27,393 inhabitants;</li>
 *   <li>an invented APL millésime 2026 = 2023 + 0.1 everywhere, + 0.5 in the catchment, so the APL change is 0.5
 *       against 0.1.</li>
 * </ul>
 */
@MicronautTest
class BeforeAfterIT extends RealServers {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> CATCHMENT = List.of("55034", "55109", "55226", "55252", "55351", "55510",
            "55511", "55546", "55547", "55552", "55554");
    private static final long CATCHMENT_POPULATION = 3_533;
    private static final long COMPARISON_POPULATION = 27_393;
    private static final Instant OPENING = Instant.parse("2025-03-03T09:00:00Z");

    @Inject EmbeddedServer server;
    @Inject MessageProcessor processor;
    @Inject TransactionOperations<Connection> transactions;
    @Inject DataSource contextualDataSource;
    @Inject DataSourceResolver dataSources;

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> properties = new HashMap<>(super.getProperties());
        properties.put("maillage.ingest.enabled", "false");
        return properties;
    }

    private static Session session(String start, String residence, Boolean hasRegularDoctor) {
        return new Session(Instant.parse(start), residence, RecourseReason.NO_REGULAR_DOCTOR, null,
                PatientProfile.AgeBand.AGE_60_74, PatientProfile.Sex.MALE, hasRegularDoctor, null);
    }

    @BeforeAll
    void aCabinOpensAtMontmedy() throws Exception {
        SessionFixture fixture = new SessionFixture(processor, transactions);
        String montmedy = siteId("montmedy-cabin");
        String bar = siteId("bar-pharmacy");
        fixture.site(montmedy, SiteKind.CABIN, "55351", null, null);
        fixture.site(bar, SiteKind.PHARMACY, "55029", null, null);
        fixture.site(siteId("nancy-idle"), SiteKind.CABIN, "54395", null, null);
        List<Session> atBar = new ArrayList<>();
        // Montmédy's residents: before the opening 23 sessions at Bar-le-Duc (12 without a regular doctor), and
        // 5 in January 2024, before the window; after it 5 at Bar-le-Duc (not asked about their doctor)
        atBar.addAll(times(12, session("2024-06-10T08:00:00Z", "55351", false)));
        atBar.addAll(times(11, session("2024-06-10T08:00:00Z", "55351", true)));
        atBar.addAll(times(5, session("2024-01-15T08:00:00Z", "55351", false)));
        atBar.addAll(times(5, session("2025-09-01T08:00:00Z", "55351", null)));
        // Dun-sur-Meuse (comparison): 24 before, 26 after, half of them without a regular doctor each time
        atBar.addAll(times(12, session("2024-10-01T08:00:00Z", "55167", false)));
        atBar.addAll(times(12, session("2024-10-01T08:00:00Z", "55167", true)));
        atBar.addAll(times(13, session("2025-10-01T08:00:00Z", "55167", false)));
        atBar.addAll(times(13, session("2025-10-01T08:00:00Z", "55167", true)));
        fixture.sessions(bar, atBar);
        // the cabin: its first session opens it; 30 of Montmédy's residents (18 without a regular doctor) and 7
        // from Verdun, in neither group
        List<Session> atCabin = new ArrayList<>();
        atCabin.add(session(OPENING.toString(), "55351", false));
        atCabin.addAll(times(17, session("2025-05-12T08:00:00Z", "55351", false)));
        atCabin.addAll(times(12, session("2025-05-12T08:00:00Z", "55351", true)));
        atCabin.addAll(times(7, session("2025-06-01T08:00:00Z", "55545", false)));
        fixture.sessions(montmedy, atCabin);
        try (Connection c = dataSources.resolve(contextualDataSource).getConnection();
                Statement s = c.createStatement()) {
            s.executeUpdate("INSERT INTO commune_apl (insee_code, year, apl, apl_under_65, standardised_population,"
                    + " total_population, updated_at) SELECT insee_code, 2026, apl + CASE WHEN insee_code IN ('"
                    + String.join("','", CATCHMENT) + "') THEN 0.5 ELSE 0.1 END, apl_under_65,"
                    + " standardised_population, total_population, now() FROM commune_apl WHERE year = 2023");
        }
    }

    private JsonNode get(String path) throws Exception {
        HttpResponse<String> response = new Http(server.getURI(), Tokens.evaluator()).get(path);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    private static Map<String, JsonNode> bySite(JsonNode sessions) {
        Map<String, JsonNode> cells = new HashMap<>();
        sessions.get("bySite").forEach(cell -> cells.put(cell.get("code").asText(), cell));
        return cells;
    }

    @Test
    @DisplayName("the catchment and the comparison group, before and after, give the hand-computed figures")
    void reproducesTheHandComputedFigures() throws Exception {
        JsonNode answer = get("/api/study/sites/" + siteId("montmedy-cabin") + "/before-after?radiusKm=5");

        assertThat(Instant.parse(answer.get("opening").asText())).isEqualTo(OPENING);
        assertThat(Instant.parse(answer.at("/before/from").asText())).isEqualTo(Instant.parse("2024-03-03T09:00:00Z"));
        assertThat(Instant.parse(answer.at("/after/to").asText())).isEqualTo(Instant.parse("2026-03-03T09:00:00Z"));
        assertThat(answer.get("afterComplete").asBoolean()).isTrue();

        JsonNode catchment = answer.get("catchment");
        assertThat(catchment.get("communes").asInt()).isEqualTo(CATCHMENT.size());
        assertThat(catchment.get("population").asLong()).isEqualTo(CATCHMENT_POPULATION);
        assertThat(catchment.get("aplBand").asText()).isEqualTo("<2.5");
        assertThat(catchment.get("aplYearBefore").asInt()).isEqualTo(2023);
        assertThat(catchment.get("aplYearAfter").asInt()).isEqualTo(2026);
        assertThat(catchment.get("aplBefore").asDouble()).isCloseTo(1.41339, within(1e-5));
        assertThat(catchment.get("aplChange").asDouble()).isCloseTo(0.5, within(1e-9));
        JsonNode before = catchment.get("sessionsBefore");
        assertThat(before.at("/total/value").asDouble()).isEqualTo(23);
        assertThat(bySite(before).get("AT_SITE").get("count").asLong()).isZero();
        assertThat(bySite(before).get("NEIGHBOURING_SITES").get("count").asLong()).isEqualTo(23);
        assertThat(before.at("/neighbouringSitesPer1000/value").asDouble())
                .isCloseTo(23 * 1_000.0 / CATCHMENT_POPULATION, within(1e-9));
        assertThat(before.at("/withoutRegularDoctorShare/value").asDouble()).isCloseTo(12.0 / 23, within(1e-12));
        // after: 30 at the cabin and 5 elsewhere; the 5 is secret and the 30 hidden with it, the total of 35 is public
        JsonNode after = catchment.get("sessionsAfter");
        assertThat(after.at("/total/value").asDouble()).isEqualTo(35);
        assertThat(bySite(after).values()).allSatisfy(cell -> assertThat(cell.get("suppressed").asBoolean()).isTrue());
        assertThat(after.at("/neighbouringSitesPer1000/suppressed").asBoolean()).isTrue();
        assertThat(after.at("/withoutRegularDoctorShare/value").asDouble()).isCloseTo(18.0 / 30, within(1e-12));

        JsonNode comparison = answer.get("comparison");
        assertThat(comparison.get("communes").asInt()).isEqualTo(159);
        assertThat(comparison.get("population").asLong()).isEqualTo(COMPARISON_POPULATION);
        assertThat(comparison.get("aplChange").asDouble()).isCloseTo(0.1, within(1e-9));
        assertThat(comparison.at("/sessionsBefore/neighbouringSitesPer1000/value").asDouble())
                .isCloseTo(24 * 1_000.0 / COMPARISON_POPULATION, within(1e-9));
        assertThat(comparison.at("/sessionsAfter/neighbouringSitesPer1000/value").asDouble())
                .isCloseTo(26 * 1_000.0 / COMPARISON_POPULATION, within(1e-9));
        assertThat(comparison.at("/sessionsAfter/withoutRegularDoctorShare/value").asDouble()).isEqualTo(0.5);

        JsonNode differences = answer.get("differences");
        // (0.6 - 12/23) - (0.5 - 0.5); (0.5 - 0.1); the rate's difference would reveal the secret 5: none
        assertThat(differences.get("withoutRegularDoctorShare").asDouble()).isCloseTo(0.6 - 12.0 / 23, within(1e-12));
        assertThat(differences.get("aplChange").asDouble()).isCloseTo(0.4, within(1e-9));
        assertThat(differences.get("neighbouringSitesPer1000").isNull()).isTrue();
        assertThat(answer.get("caveats").toString()).contains("not the site's effect").contains("first recorded session");
    }

    @Test
    @DisplayName("with no comparable commune left there is no difference, and the answer says why")
    void anEmptyComparisonGroupGivesNoDifference() throws Exception {
        // 200 km around Montmédy: every Meuse commune has a site within the radius
        JsonNode answer = get("/api/study/sites/" + siteId("montmedy-cabin") + "/before-after?radiusKm=200");

        assertThat(answer.at("/comparison/communes").asInt()).isZero();
        assertThat(answer.get("differences").isNull()).isTrue();
        assertThat(answer.get("caveats").toString()).contains("The comparison group is empty");
    }

    @Test
    @DisplayName("a site without sessions has no opening; a bad radius is a 400; site operators are refused")
    void aSiteWithoutSessionsAndBadRequests() throws Exception {
        JsonNode idle = get("/api/study/sites/" + siteId("nancy-idle") + "/before-after");
        assertThat(idle.get("opening").isNull()).isTrue();
        assertThat(idle.get("catchment").isNull()).isTrue();
        assertThat(idle.get("caveats").toString()).contains("no recorded session");

        Http evaluator = new Http(server.getURI(), Tokens.evaluator());
        assertThat(evaluator.get("/api/study/sites/" + siteId("montmedy-cabin") + "/before-after?radiusKm=0")
                .statusCode()).isEqualTo(400);
        assertThat(evaluator.get("/api/study/sites/nowhere/before-after").statusCode()).isEqualTo(400);
        assertThat(new Http(server.getURI(), Tokens.siteOperator(siteId("montmedy-cabin")))
                .get("/api/study/sites/" + siteId("montmedy-cabin") + "/before-after").statusCode()).isEqualTo(403);
    }
}
