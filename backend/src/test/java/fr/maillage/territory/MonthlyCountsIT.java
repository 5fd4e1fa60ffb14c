package fr.maillage.territory;

import static fr.maillage.study.SessionFixture.times;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import fr.maillage.contract.PatientProfile.AgeBand;
import fr.maillage.contract.PatientProfile.Sex;
import fr.maillage.contract.SessionDetails.RecourseReason;
import fr.maillage.contract.SiteKind;
import fr.maillage.ingest.MessageProcessor;
import fr.maillage.study.SessionFixture;
import fr.maillage.study.SessionFixture.Session;
import fr.maillage.support.Http;
import fr.maillage.support.RealServers;
import fr.maillage.support.Tokens;
import fr.maillage.territory.indicator.MonthlyCounts;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Inject;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Whole départements read their closed months from {@code encounter_monthly_count} and the rest from the daily
 * counts: the answer must not change when the months are built, a stale month must fall back to its days, and the
 * monthly counts must really be what is read once built. Sessions at a Verdun cabin (Meuse) and a Chaumont pharmacy
 * (Haute-Marne) from 10 September to 30 November 2026, residents of both départements, of Meurthe-et-Moselle and of a
 * commune déléguée (55030, Baudignécourt, now Demange-Baudignécourt 55150).
 */
@MicronautTest(transactional = false)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class MonthlyCountsIT extends RealServers {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PERIOD = "?from=2026-09-10&to=2026-11-30";
    private static final List<String> TERRITORIES = List.of(
            "/api/territories/departements/55/indicators" + PERIOD,
            "/api/territories/departements/52,54,55/indicators" + PERIOD,
            "/api/territories/departements/54/indicators" + PERIOD,
            "/api/territories/departements/55/indicators?from=2026-10-01&to=2026-10-31");

    @Inject EmbeddedServer server;
    @Inject MessageProcessor processor;
    @Inject TransactionOperations<Connection> transactions;
    @Inject MonthlyCounts monthly;

    private final Map<String, JsonNode> fromDays = new HashMap<>();
    private String verdun;

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> properties = new HashMap<>(super.getProperties());
        properties.put("maillage.ingest.enabled", "false");
        return properties;
    }

    @BeforeAll
    void sessionsOverThreeMonths() throws Exception {
        SessionFixture fixture = new SessionFixture(processor, transactions);
        verdun = siteId("monthly-verdun");
        String chaumont = siteId("monthly-chaumont");
        fixture.site(verdun, SiteKind.CABIN, "55545", null, null);
        fixture.site(chaumont, SiteKind.PHARMACY, "52121", null, null);
        List<Session> atVerdun = new ArrayList<>();
        List<Session> atChaumont = new ArrayList<>();
        for (String day : List.of("2026-09-05", "2026-09-12", "2026-09-30", "2026-10-01", "2026-10-17", "2026-10-31",
                "2026-11-03", "2026-11-30")) {
            Instant start = Instant.parse(day + "T09:00:00Z");
            atVerdun.addAll(times(7, new Session(start, "55545", RecourseReason.NO_REGULAR_DOCTOR, 9)));
            atVerdun.addAll(times(5, new Session(start, "55030", RecourseReason.DOCTOR_TOO_FAR, null,
                    AgeBand.AGE_75_89, Sex.MALE, false, null)));
            atVerdun.addAll(times(4, new Session(start, "52121", RecourseReason.OUT_OF_HOURS, 6)));
            atChaumont.addAll(times(9, new Session(start, "52121", RecourseReason.NO_APPOINTMENT_IN_TIME, 10,
                    AgeBand.AGE_30_44, Sex.FEMALE, true, null)));
            atChaumont.addAll(times(3, new Session(start, "54395", RecourseReason.PATIENT_PREFERENCE, 7)));
        }
        // 23:30 UTC on 31 October is 00:30 on 1 November in France: the daily counts put it in November
        atVerdun.addAll(times(2, new Session(Instant.parse("2026-10-31T23:30:00Z"), "55545",
                RecourseReason.SPECIALIST_ACCESS, 8)));
        fixture.sessions(verdun, atVerdun);
        fixture.sessions(chaumont, atChaumont);
        for (String path : TERRITORIES) {
            fromDays.put(path, activity(path));
        }
    }

    private JsonNode activity(String path) throws Exception {
        HttpResponse<String> response = new Http(server.getURI(), Tokens.evaluator()).get(path);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonNode indicators = JSON.readTree(response.body());
        ObjectNode activity = JSON.createObjectNode();
        activity.set("byResidence", indicators.get("byResidence"));
        activity.set("bySite", indicators.get("bySite"));
        return activity;
    }

    private void sql(String statement) {
        transactions.executeWrite(status -> {
            try (Statement s = status.getConnection().createStatement()) {
                return s.executeUpdate(statement);
            }
        });
    }

    @Test
    @Order(1)
    void buildingTheClosedMonthsChangesNoFigure() throws Exception {
        assertThat(monthly.rebuild(false)).contains(LocalDate.parse("2026-09-01"), LocalDate.parse("2026-10-01"),
                LocalDate.parse("2026-11-01"));
        assertThat(fromDays.get(TERRITORIES.getFirst()).at("/bySite/teleconsultations/value").asLong())
                .as("Verdun's sessions from 10 September: 7 days × 16, and the 2 of 1 November").isEqualTo(7 * 16 + 2);
        for (String path : TERRITORIES) {
            assertThat(activity(path)).as(path).isEqualTo(fromDays.get(path));
        }
        assertThat(monthly.rebuild(false)).as("nothing stale any more").isEmpty();
    }

    @Test
    @Order(2)
    void builtMonthsAreReadFromTheMonthlyCountsAndAStaleMonthFromItsDays() throws Exception {
        // a deliberate error in October's monthly counts shows they are what is read
        sql("UPDATE encounter_monthly_count SET sessions = sessions + 1000 WHERE month = '2026-10-01'"
                + " AND placement = 'SITE' AND departement = '55' AND dimension = 'REGULAR_DOCTOR'"
                + " AND category = 'UNKNOWN'");
        String meuse = TERRITORIES.getFirst();
        long before = fromDays.get(meuse).at("/bySite/teleconsultations/value").asLong();
        assertThat(activity(meuse).at("/bySite/teleconsultations/value").asLong()).isEqualTo(before + 1000);

        // a late session of October makes the month stale: its days are read again, the error is gone
        new SessionFixture(processor, transactions).sessions(verdun,
                times(1, new Session(Instant.parse("2026-10-20T09:00:00Z"), "55545", RecourseReason.OTHER, null)));
        assertThat(activity(meuse).at("/bySite/teleconsultations/value").asLong()).isEqualTo(before + 1);

        assertThat(monthly.rebuild(false)).containsExactly(LocalDate.parse("2026-10-01"));
        assertThat(activity(meuse).at("/bySite/teleconsultations/value").asLong()).isEqualTo(before + 1);
        assertThat(monthly.rebuild(true)).as("the nightly rebuild takes every built month")
                .containsExactlyInAnyOrder(LocalDate.parse("2026-09-01"), LocalDate.parse("2026-10-01"),
                        LocalDate.parse("2026-11-01"));
        assertThat(activity(meuse).at("/bySite/teleconsultations/value").asLong()).isEqualTo(before + 1);
    }
}
