package fr.maillage.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import fr.maillage.contract.ConnectionState;
import fr.maillage.contract.PatientProfile;
import fr.maillage.contract.SessionDetails;
import fr.maillage.contract.SessionEvent;
import fr.maillage.contract.SiteDescriptor;
import fr.maillage.contract.SiteKind;
import fr.maillage.contract.StateMessage;
import fr.maillage.encounter.EncounterRepository;
import fr.maillage.ingest.MqttIngestClient;
import fr.maillage.support.Http;
import fr.maillage.support.RealServers;
import fr.maillage.support.TestPublisher;
import fr.maillage.support.Tokens;
import io.micronaut.core.util.PathMatcher;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.management.endpoint.annotation.Endpoint;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.config.InterceptUrlMapPattern;
import io.micronaut.security.config.SecurityConfiguration;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.web.router.Router;
import io.micronaut.web.router.UriRouteInfo;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Who may call what: deny by default, every route with a rule, and the role × route × territory matrix. */
@MicronautTest
class AccessRulesIT extends RealServers {

    @Inject EmbeddedServer server;
    @Inject Router router;
    @Inject SecurityConfiguration security;
    @Inject MqttIngestClient ingest;
    @Inject EncounterRepository encounters;
    @Inject AuditRecordRepository audit;
    @Inject JdbcOperations jdbc;

    private String meuseSite;
    private String hauteMarneSite;
    private final UUID meuseSession = UUID.randomUUID();
    private final UUID hauteMarneSession = UUID.randomUUID();

    @BeforeAll
    void oneSessionInTheMeuseAndOneInHauteMarne() throws Exception {
        await().atMost(Duration.ofSeconds(60)).until(ingest::isConnected);
        meuseSite = siteId("55545-cabin");
        hauteMarneSite = siteId("52121-cabin");
        try (var publisher = new TestPublisher(servers.mqttUri())) {
            publish(publisher, meuseSite, "55545", meuseSession);
            publish(publisher, hauteMarneSite, "52121", hauteMarneSession);
        }
        await().atMost(Duration.ofSeconds(60))
                .until(() -> encounters.existsById(meuseSession) && encounters.existsById(hauteMarneSession));
    }

    private static void publish(TestPublisher publisher, String site, String insee, UUID session) throws Exception {
        publisher.publish(site, new StateMessage(1, UUID.randomUUID(), site, Instant.now(), 1, 0,
                ConnectionState.ONLINE, new SiteDescriptor("Cabine " + insee, SiteKind.CABIN, insee, null, null), "t"));
        Instant start = Instant.parse("2026-11-02T09:00:00Z");
        publisher.publish(site, new SessionEvent(1, UUID.randomUUID(), site, start.plusSeconds(1800), 1, 1, session,
                SessionEvent.Type.COMPLETED, new SessionDetails(start, start.plusSeconds(900),
                        SessionDetails.ProfessionalRole.NURSE, null, SessionDetails.RecourseReason.NO_REGULAR_DOCTOR,
                        new PatientProfile(PatientProfile.AgeBand.AGE_30_44, null, insee, false), List.of(),
                        SessionDetails.Outcome.ADVICE_ONLY, null)));
    }

    private int status(String token, String path) {
        return (token == null ? Http.anonymous(server.getURI()) : new Http(server.getURI(), token))
                .get(path).statusCode();
    }

    @Test
    void everyRouteHasAnExplicitRule() {
        List<String> patterns = security.getInterceptUrlMap().stream().map(InterceptUrlMapPattern::getPattern).toList();
        List<String> unruled = router.uriRoutes()
                .filter(route -> !route.getTargetMethod().hasAnnotation(Secured.class))
                .filter(route -> !route.getTargetMethod().getDeclaringType().isAnnotationPresent(Endpoint.class))
                .filter(route -> patterns.stream().noneMatch(p -> PathMatcher.ANT.matches(p, concrete(route))))
                .map(route -> route.getHttpMethodName() + " " + route.getUriMatchTemplate())
                .toList();

        assertThat(unruled).as("routes with neither @Secured nor an intercept-url-map pattern").isEmpty();
    }

    /** A route's template with its variables filled, as a request path would be. */
    private static String concrete(UriRouteInfo<?, ?> route) {
        return route.getUriMatchTemplate().toString().replaceAll("\\{[^}]*}", "x");
    }

    @ParameterizedTest(name = "anonymous GET {0} -> {1}")
    @CsvSource({
        "/health, 200",
        "/login, 200",
        "/api/sites, 401",
        "/fhir/metadata, 401",
        "/fhir/Encounter, 401",
        "/api/admin/audit, 401",
        "/prometheus, 401",
    })
    void anonymousGetsOnlyHealthAndTheLoginPage(String path, int expected) {
        assertThat(status(null, path)).isEqualTo(expected);
    }

    @Test
    void evaluatorSeesAggregatesButNoSession() {
        String evaluator = Tokens.evaluator();

        assertThat(status(evaluator, "/fhir/Encounter/" + meuseSession)).isEqualTo(403);
        assertThat(status(evaluator, "/fhir/Encounter")).isEqualTo(403);
        assertThat(status(evaluator, "/fhir/$export")).isEqualTo(403);
        assertThat(status(evaluator, "/api/admin/audit")).isEqualTo(403);
        assertThat(status(evaluator, "/fhir/metadata")).isEqualTo(200);
        assertThat(status(evaluator, "/api/sites")).isEqualTo(403);
    }

    @Test
    void coordinatorReadsTheSessionsOfItsTerritoryOnly() {
        String meuse = Tokens.coordinator("55");

        assertThat(status(meuse, "/fhir/Encounter/" + meuseSession)).isEqualTo(200);
        assertThat(status(meuse, "/fhir/Encounter/" + hauteMarneSession)).isEqualTo(403);
        String bundle = new Http(server.getURI(), meuse).get("/fhir/Encounter?_count=500").body();
        assertThat(bundle).contains(meuseSession.toString()).doesNotContain(hauteMarneSession.toString());
        assertThat(status(meuse, "/api/admin/audit")).isEqualTo(403);
    }

    @Test
    void siteOperatorReadsItsOwnSiteOnly() {
        String operator = Tokens.siteOperator(hauteMarneSite);

        assertThat(status(operator, "/fhir/Encounter/" + hauteMarneSession)).isEqualTo(200);
        assertThat(status(operator, "/fhir/Encounter/" + meuseSession)).isEqualTo(403);
        assertThat(new Http(server.getURI(), operator).get("/fhir/Encounter").body())
                .contains(hauteMarneSession.toString()).doesNotContain(meuseSession.toString());
        assertThat(status(operator, "/api/incidents")).isEqualTo(403);
    }

    @Test
    void adminReadsEverything() {
        String admin = Tokens.admin();

        assertThat(status(admin, "/fhir/Encounter/" + meuseSession)).isEqualTo(200);
        assertThat(status(admin, "/fhir/Encounter/" + hauteMarneSession)).isEqualTo(200);
        assertThat(status(admin, "/api/admin/audit")).isEqualTo(200);
        assertThat(status(admin, "/prometheus")).isEqualTo(200);
    }

    @Test
    void tokenSignedWithAnotherKeyIsRefused() {
        String forged = Tokens.admin().substring(0, Tokens.admin().lastIndexOf('.') + 1) + "forgedsignature";

        assertThat(status(forged, "/api/sites")).isEqualTo(401);
    }

    @ParameterizedTest(name = "a download of {0} is audited")
    @CsvSource({
        "/api/territories/communes.csv?departements=55",
        "/api/territories/communes.geojson?departements=55",
        "/api/portal/territories/departements/55/communes.csv",
        "/api/portal/territories/departements/55/comparison.csv",
        "/api/portal/reports/departements/55.pdf",
    })
    void exportsAndReportsAreAudited(String path) {
        String evaluator = Tokens.token("test-evaluator-audit", Roles.EVALUATOR, null, null);
        Instant before = Instant.now().minusSeconds(1);

        assertThat(status(evaluator, path)).isEqualTo(200);

        String bare = path.contains("?") ? path.substring(0, path.indexOf('?')) : path;
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(
                        audit.findByUsernameAndAtBetweenOrderById("test-evaluator-audit", before, Instant.now()))
                .anySatisfy(record -> {
                    assertThat(record.path()).startsWith(bare);
                    assertThat(record.method()).isEqualTo("GET");
                    assertThat(record.status()).isEqualTo(200);
                }));
    }

    @Test
    void readsOfHealthDataAreAuditedAndTheTrailCannotBeChanged() {
        String meuse = Tokens.coordinator("55");
        Instant before = Instant.now().minusSeconds(1);

        assertThat(status(meuse, "/fhir/Encounter/" + meuseSession)).isEqualTo(200);

        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(
                        audit.findByUsernameAndAtBetweenOrderById("test-coordinator-55", before, Instant.now()))
                .anySatisfy(record -> {
                    assertThat(record.path()).isEqualTo("/fhir/Encounter/" + meuseSession);
                    assertThat(record.status()).isEqualTo(200);
                    assertThat(record.roles()).isEqualTo(Roles.COORDINATOR);
                    assertThat(record.remoteAddress()).isNotBlank();
                }));
        assertThatThrownBy(() -> jdbc.execute(c -> c.createStatement().executeUpdate("DELETE FROM audit_record")))
                .hasStackTraceContaining("audit records cannot be changed or deleted");
        assertThatThrownBy(() -> jdbc.execute(c -> c.createStatement()
                        .executeUpdate("UPDATE audit_record SET username = 'someone-else'")))
                .hasStackTraceContaining("audit records cannot be changed or deleted");
    }
}
