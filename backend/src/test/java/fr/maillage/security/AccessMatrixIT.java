package fr.maillage.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import fr.maillage.contract.ConnectionState;
import fr.maillage.contract.PatientProfile;
import fr.maillage.contract.SessionDetails;
import fr.maillage.contract.SessionEvent;
import fr.maillage.contract.SiteDescriptor;
import fr.maillage.contract.SiteKind;
import fr.maillage.contract.StateMessage;
import fr.maillage.encounter.EncounterRepository;
import fr.maillage.encounter.survey.Survey;
import fr.maillage.ingest.MqttIngestClient;
import fr.maillage.support.RealServers;
import fr.maillage.support.TestPublisher;
import fr.maillage.support.Tokens;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.http.HttpMethod;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.web.router.Router;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The access matrix: one row per route of the application (method and path template), and for each kind of caller
 * the outcome expected when it calls the route about site A, a Meuse site (55) in the EPCI of Verdun. Every cell
 * runs against the running application on real PostgreSQL; and a route of the application missing from the table
 * fails the build, so that a new route cannot ship without someone deciding who may call it.
 */
@MicronautTest
class AccessMatrixIT extends RealServers {

    /** Who calls. "Own" and "other" are relative to site A (Verdun, Meuse, CA du Grand Verdun). */
    enum Caller {
        ANONYMOUS, OPERATOR_OWN_SITE, OPERATOR_OTHER_SITE, COORDINATOR_OWN_DEPARTEMENT, COORDINATOR_OTHER_DEPARTEMENT,
        COORDINATOR_OWN_EPCI, EVALUATOR, ADMIN
    }

    private static final String VERDUN = "55545";
    private static final String GRAND_VERDUN = "200049187";
    private static final String CHAUMONT = "52121";

    /**
     * A route, the request made for it ({SITE}, {INCIDENT}, {ENCOUNTER}, {RESPONSE}, {EPCI} filled in), its body if
     * any, and the expected status per caller, in {@link Caller} order: {@code 2xx} for any success, else the exact
     * code.
     */
    private record Row(String route, String request, String body, String expected) {}

    private static Row row(String route, String expected) {
        return new Row(route, route.substring(route.indexOf(' ') + 1), null, expected);
    }

    private static Row row(String route, String request, String body, String expected) {
        return new Row(route, request, body, expected);
    }

    //                                  anon op-own op-other co-own co-other co-epci eval admin
    private static final String ANY_PERSON = "401 2xx 2xx 2xx 2xx 2xx 2xx 2xx";
    private static final String ADMIN_ONLY = "401 403 403 403 403 403 403 2xx";
    private static final String SITE_ROWS = "401 2xx 403 2xx 403 2xx 403 2xx";
    private static final String SITE_AGGREGATES = "401 2xx 403 2xx 403 2xx 2xx 2xx";
    private static final String FLEET_CHANGE = "401 403 403 2xx 403 2xx 403 2xx";
    private static final String INCIDENT_LIST = "401 403 403 2xx 2xx 2xx 403 2xx";
    private static final String SITE_LIST = "401 2xx 2xx 2xx 2xx 2xx 403 2xx";
    private static final String EPCI_AGGREGATES = "401 403 403 2xx 403 2xx 2xx 2xx";
    private static final String DEPARTEMENT_AGGREGATES = "401 403 403 2xx 403 403 2xx 2xx";
    private static final String MAP_AGGREGATES = "401 403 403 2xx 2xx 2xx 2xx 2xx";
    private static final String SESSION_ENTRY = "401 422 403 422 403 422 403 422";
    private static final String FORM = "401 2xx 2xx 2xx 2xx 2xx 403 2xx";
    private static final String ENCOUNTER_SEARCH = "401 2xx 2xx 2xx 2xx 2xx 403 2xx";
    private static final String EVALUATOR_ONLY = "401 403 403 403 403 403 2xx 403";
    private static final String NOT_FOUND_FOR_ANY_PERSON = "401 404 404 404 404 404 404 404";

    private static final List<Row> MATRIX = List.of(
            // security
            row("GET /login", "2xx 2xx 2xx 2xx 2xx 2xx 2xx 2xx"),
            row("POST /login", "/login", "username=nobody&password=wrong",
                    "303 303 303 303 303 303 303 303"),
            row("POST /logout", "/logout", "", "303 303 303 303 303 303 303 303"),
            row("GET /logout", "405 405 405 405 405 405 405 405"),
            row("GET /api/admin/audit", ADMIN_ONLY),
            row("PUT /api/admin/mqtt/credentials/{username}", "/api/admin/mqtt/credentials/matrix-site", "",
                    ADMIN_ONLY),
            row("DELETE /api/admin/mqtt/credentials/{username}", "/api/admin/mqtt/credentials/nobody-here", null,
                    "401 403 403 403 403 403 403 404"),
            row("GET /api/admin/mqtt/passwd", ADMIN_ONLY),
            row("GET /api/admin/mqtt/acl", ADMIN_ONLY),
            // management
            row("GET /health", "2xx 2xx 2xx 2xx 2xx 2xx 2xx 2xx"),
            row("GET /health/{selector}", "/health/liveness", null, "2xx 2xx 2xx 2xx 2xx 2xx 2xx 2xx"),
            row("GET /prometheus", ADMIN_ONLY),
            // FHIR
            row("GET /fhir/metadata", ANY_PERSON),
            row("GET /fhir/Encounter/{id}", "/fhir/Encounter/{ENCOUNTER}", null, SITE_ROWS),
            row("GET /fhir/Encounter", ENCOUNTER_SEARCH),
            row("GET /fhir/Location/{id}", "/fhir/Location/{SITE}", null, ANY_PERSON),
            row("GET /fhir/Location", ANY_PERSON),
            row("GET /fhir/{type}", "/fhir/Patient", null, "401 404 404 404 404 404 404 404"),
            row("GET /fhir/{type}/{id}", "/fhir/Patient/1", null, "401 404 404 404 404 404 404 404"),
            row("GET /fhir/$export", ADMIN_ONLY),
            row("POST /fhir/$export", "/fhir/$export", "{\"resourceType\":\"Parameters\"}", ADMIN_ONLY),
            row("GET /fhir/Group/{id}/$export", "/fhir/Group/55/$export", null, ADMIN_ONLY),
            row("POST /fhir/Group/{id}/$export", "/fhir/Group/55/$export", "{\"resourceType\":\"Parameters\"}",
                    ADMIN_ONLY),
            row("GET /fhir/$export-status/{jobId}", "/fhir/$export-status/" + UUID.randomUUID(), null,
                    "401 403 403 403 403 403 403 404"),
            row("DELETE /fhir/$export-status/{jobId}", "/fhir/$export-status/" + UUID.randomUUID(), null,
                    "401 403 403 403 403 403 403 404"),
            row("GET /fhir/$export-file/{jobId}/{type}.ndjson", "/fhir/$export-file/" + UUID.randomUUID()
                    + "/Encounter.ndjson", null, "401 403 403 403 403 403 403 404"),
            row("GET /fhir/Device/{id}", "/fhir/Device/" + UUID.randomUUID(), null, NOT_FOUND_FOR_ANY_PERSON),
            row("GET /fhir/Questionnaire/{id}", "/fhir/Questionnaire/patient-survey", null, ANY_PERSON),
            row("GET /fhir/QuestionnaireResponse/{id}", "/fhir/QuestionnaireResponse/{RESPONSE}", null, SITE_ROWS),
            row("GET /fhir/QuestionnaireResponse", ENCOUNTER_SEARCH),
            row("GET /fhir/Organization/{id}", "/fhir/Organization/no-such-operator", null,
                    NOT_FOUND_FOR_ANY_PERSON),
            row("PUT /api/site-operators/{id}", "/api/site-operators/matrix-operator",
                    "{\"name\":\"Opérateur de la matrice\",\"sites\":[]}", ADMIN_ONLY),
            // fleet
            row("GET /api/fleet", INCIDENT_LIST),
            row("GET /api/sites", SITE_LIST),
            row("GET /api/sites/{id}", "/api/sites/{SITE}", null, SITE_ROWS),
            row("GET /api/sites/{id}/availability", "/api/sites/{SITE}/availability", null, SITE_ROWS),
            row("PUT /api/sites/{id}/opening-hours", "/api/sites/{SITE}/opening-hours", "{\"openingHours\":null}",
                    FLEET_CHANGE),
            row("GET /api/incidents", INCIDENT_LIST),
            row("GET /api/incidents/{id}", "/api/incidents/{INCIDENT}", null, FLEET_CHANGE),
            row("POST /api/incidents/{id}/acknowledgement", "/api/incidents/{INCIDENT}/acknowledgement",
                    "{\"by\":\"matrix\"}", FLEET_CHANGE),
            row("POST /api/incidents/{id}/comments", "/api/incidents/{INCIDENT}/comments",
                    "{\"author\":\"matrix\",\"body\":\"seen\"}", FLEET_CHANGE),
            // territory
            row("GET /api/territories/{level}", "/api/territories/departements", null, ANY_PERSON),
            row("GET /api/territories/{level}/{codes}/indicators", "/api/territories/departements/55/indicators",
                    null, DEPARTEMENT_AGGREGATES),
            row("GET /api/territories/{level}/{codes}/coverage", "/api/territories/epci/{EPCI}/coverage", null,
                    EPCI_AGGREGATES),
            row("GET /api/territories/{level}/{codes}/priorities", "/api/territories/epci/{EPCI}/priorities", null,
                    EPCI_AGGREGATES),
            row("GET /api/territories/{level}/{codes}/correlation", "/api/territories/departements/55/correlation",
                    null, DEPARTEMENT_AGGREGATES),
            row("GET /api/territories/communes.geojson", "/api/territories/communes.geojson?departements=55", null,
                    MAP_AGGREGATES),
            row("GET /api/territories/communes.csv", "/api/territories/communes.csv?departements=55", null,
                    MAP_AGGREGATES),
            row("GET /api/territories/sites/{siteId}/catchment", "/api/territories/sites/{SITE}/catchment", null,
                    SITE_AGGREGATES),
            row("POST /api/admin/territory/imports", "/api/admin/territory/imports", "{\"dataset\":\"EPCI\"}",
                    ADMIN_ONLY),
            // portal
            row("GET /api/portal/session-form", FORM),
            row("POST /api/portal/sites/{id}/sessions", "/api/portal/sites/{SITE}/sessions", "{}", SESSION_ENTRY),
            row("GET /api/portal/sites/{id}/weekly-sessions", "/api/portal/sites/{SITE}/weekly-sessions", null,
                    SITE_ROWS),
            row("GET /api/portal/events", ANY_PERSON),
            row("GET /api/portal/territories/{level}/{codes}/comparison",
                    "/api/portal/territories/epci/{EPCI}/comparison", null, EPCI_AGGREGATES),
            row("GET /api/portal/territories/{level}/{codes}/comparison.csv",
                    "/api/portal/territories/epci/{EPCI}/comparison.csv", null, EPCI_AGGREGATES),
            row("GET /api/portal/territories/{level}/{codes}/communes.csv",
                    "/api/portal/territories/departements/55/communes.csv", null, DEPARTEMENT_AGGREGATES),
            row("GET /api/portal/territories/{level}/{codes}/communes.geojson",
                    "/api/portal/territories/epci/{EPCI}/communes.geojson", null, EPCI_AGGREGATES),
            row("GET /api/portal/communes/gps", ANY_PERSON),
            row("GET /api/portal/communes/age-structure", ANY_PERSON),
            row("GET /api/portal/map/communes.geojson", ANY_PERSON),
            row("GET /api/portal/map/figures", MAP_AGGREGATES),
            row("GET /api/portal/sites.csv", SITE_LIST),
            row("GET /api/portal/sites.geojson", SITE_LIST),
            row("GET /api/portal/sites/{id}/weekly-sessions.csv", "/api/portal/sites/{SITE}/weekly-sessions.csv",
                    null, SITE_ROWS),
            row("GET /api/portal/sites/{id}/availability.csv", "/api/portal/sites/{SITE}/availability.csv", null,
                    SITE_ROWS),
            row("GET /api/portal/sites/{id}/incidents.csv", "/api/portal/sites/{SITE}/incidents.csv", null,
                    "401 403 403 2xx 403 2xx 403 2xx"),
            row("GET /api/portal/reports/{level}/{code}.pdf", "/api/portal/reports/departements/55.pdf", null,
                    DEPARTEMENT_AGGREGATES),
            row("POST /api/portal/reports/{level}/{code}.pdf", "/api/portal/reports/epci/{EPCI}.pdf", "{}",
                    EPCI_AGGREGATES),
            // OGC API – Features: suppressed aggregates and the site directory, for GIS tools
            row("GET /ogc", MAP_AGGREGATES),
            row("GET /ogc/api", MAP_AGGREGATES),
            row("GET /ogc/conformance", MAP_AGGREGATES),
            row("GET /ogc/collections", MAP_AGGREGATES),
            row("GET /ogc/collections/{collectionId}", "/ogc/collections/epci", null, MAP_AGGREGATES),
            row("GET /ogc/collections/{collectionId}/items", "/ogc/collections/communes/items?limit=1", null,
                    MAP_AGGREGATES),
            row("GET /ogc/collections/{collectionId}/items/{featureId}", "/ogc/collections/communes/items/"
                    + VERDUN, null, MAP_AGGREGATES),
            // open data and the study
            row("GET /api/opendata", MAP_AGGREGATES),
            row("GET /api/opendata/files/{name}", "/api/opendata/files/no-such-file.csv", null,
                    "401 403 403 404 404 404 404 404"),
            row("POST /api/admin/opendata/exports", "/api/admin/opendata/exports", "", ADMIN_ONLY),
            row("GET /api/study/{level}/{codes}/report", "/api/study/departements/55/report", null,
                    DEPARTEMENT_AGGREGATES),
            row("GET /api/study/sites/{siteId}/before-after", "/api/study/sites/{SITE}/before-after", null,
                    EPCI_AGGREGATES),
            row("GET /api/study/dataset.csv", EVALUATOR_ONLY),
            row("GET /api/study/dataset/codebook.md", EVALUATOR_ONLY));

    @Inject EmbeddedServer server;
    @Inject Router router;
    @Inject MqttIngestClient ingest;
    @Inject EncounterRepository encounters;
    @Inject JdbcOperations jdbc;

    private final HttpClient client = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
    private final Map<Caller, String> tokens = new EnumMap<>(Caller.class);
    private final UUID encounter = UUID.randomUUID();
    private String siteA;
    private long incident;

    @BeforeAll
    void siteAInVerdunAndSiteBInChaumont() throws Exception {
        await().atMost(Duration.ofSeconds(60)).until(ingest::isConnected);
        siteA = siteId(VERDUN + "-cabin");
        String siteB = siteId(CHAUMONT + "-pharmacy");
        try (var publisher = new TestPublisher(servers.mqttUri())) {
            publisher.publish(siteA, birth(siteA, VERDUN, 49.16, 5.38));
            publisher.publish(siteB, birth(siteB, CHAUMONT, 48.11, 5.14));
            Instant start = Instant.parse("2026-11-02T09:00:00Z");
            publisher.publish(siteA, new SessionEvent(1, UUID.randomUUID(), siteA, start.plusSeconds(1800), 1, 1,
                    encounter, SessionEvent.Type.COMPLETED, new SessionDetails(start, start.plusSeconds(900),
                            SessionDetails.ProfessionalRole.NURSE, null, SessionDetails.RecourseReason.NO_REGULAR_DOCTOR,
                            new PatientProfile(PatientProfile.AgeBand.AGE_30_44, null, VERDUN, false), List.of(),
                            SessionDetails.Outcome.ADVICE_ONLY, null)));
        }
        await().atMost(Duration.ofSeconds(60)).until(() -> encounters.existsById(encounter));
        incident = jdbc.execute(connection -> {
            try (var statement = connection.prepareStatement("""
                    INSERT INTO incident (site_id, device_id, rule, detail, opened_at)
                    VALUES (?, '', 'SITE_OFFLINE', 'matrix fixture', now()) RETURNING id""")) {
                statement.setString(1, siteA);
                try (var rs = statement.executeQuery()) {
                    rs.next();
                    return rs.getLong(1);
                }
            }
        });
        tokens.put(Caller.OPERATOR_OWN_SITE, Tokens.siteOperator(siteA));
        tokens.put(Caller.OPERATOR_OTHER_SITE, Tokens.siteOperator(siteB));
        tokens.put(Caller.COORDINATOR_OWN_DEPARTEMENT, Tokens.coordinator("55"));
        tokens.put(Caller.COORDINATOR_OTHER_DEPARTEMENT, Tokens.coordinator("52"));
        tokens.put(Caller.COORDINATOR_OWN_EPCI, Tokens.coordinator(GRAND_VERDUN));
        tokens.put(Caller.EVALUATOR, Tokens.evaluator());
        tokens.put(Caller.ADMIN, Tokens.admin());
    }

    private static StateMessage birth(String site, String insee, double lat, double lon) {
        return new StateMessage(1, UUID.randomUUID(), site, Instant.now(), 1, 0, ConnectionState.ONLINE,
                new SiteDescriptor("Site " + insee, SiteKind.CABIN, insee, lat, lon), "t");
    }

    @Test
    void everyRouteOfTheApplicationIsInTheMatrix() {
        Set<String> routes = router.uriRoutes()
                .filter(route -> !route.getHttpMethod().equals(HttpMethod.HEAD)
                        && !route.getHttpMethod().equals(HttpMethod.OPTIONS))
                .map(route -> route.getHttpMethodName() + " " + route.getUriMatchTemplate())
                .collect(Collectors.toCollection(TreeSet::new));
        Set<String> inTable = MATRIX.stream().map(Row::route).collect(Collectors.toCollection(TreeSet::new));

        Set<String> missing = new TreeSet<>(routes);
        missing.removeAll(inTable);
        Set<String> gone = new TreeSet<>(inTable);
        gone.removeAll(routes);
        assertThat(missing).as("routes with no row in the access matrix: decide who may call them").isEmpty();
        assertThat(gone).as("rows of the access matrix for routes that no longer exist").isEmpty();
    }

    @Test
    void everyCellOfTheMatrixHolds() {
        List<String> wrong = new ArrayList<>();
        for (Row row : MATRIX) {
            String[] expected = row.expected().split(" ");
            assertThat(expected).as(row.route()).hasSize(Caller.values().length);
            for (Caller caller : Caller.values()) {
                int status = call(row, tokens.get(caller));
                String want = expected[caller.ordinal()];
                boolean ok = want.equals("2xx") ? status / 100 == 2 : Integer.parseInt(want) == status;
                if (!ok) {
                    wrong.add(row.route() + " as " + caller + ": expected " + want + ", got " + status);
                }
            }
        }
        assertThat(wrong).as("cells of the access matrix that do not hold").isEmpty();
    }

    private int call(Row row, String token) {
        String method = row.route().substring(0, row.route().indexOf(' '));
        String path = row.request().replace("{SITE}", siteA).replace("{INCIDENT}", String.valueOf(incident))
                .replace("{ENCOUNTER}", encounter.toString()).replace("{EPCI}", GRAND_VERDUN)
                .replace("{RESPONSE}", Survey.PATIENT.responseId(encounter).toString());
        var request = HttpRequest.newBuilder(URI.create(server.getURI() + path)).timeout(Duration.ofSeconds(30));
        if (row.body() == null) {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            request.method(method, HttpRequest.BodyPublishers.ofString(row.body()))
                    .header("Content-Type", row.body().contains("=") ? "application/x-www-form-urlencoded"
                            : path.startsWith("/fhir") ? "application/fhir+json" : "application/json");
        }
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        if (path.endsWith("$export")) {
            // the bulk data kick-off requests the spec asks for, so an admin's is accepted
            request.header("Prefer", "respond-async").header("Accept", "application/fhir+json");
        }
        try {
            // the event stream never ends: its status is known as soon as the headers arrive
            HttpResponse<InputStream> response = client.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
            response.body().close();
            return response.statusCode();
        } catch (IOException e) {
            throw new UncheckedIOException(row.route(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
