package fr.maillage.ogc;

import static fr.maillage.study.SessionFixture.times;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import fr.maillage.contract.SessionDetails.RecourseReason;
import fr.maillage.contract.SiteKind;
import fr.maillage.ingest.MessageProcessor;
import fr.maillage.study.SessionFixture.Session;
import fr.maillage.study.SessionFixture;
import fr.maillage.support.Http;
import fr.maillage.support.RealServers;
import fr.maillage.support.Tokens;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Inject;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The OGC API – Features layers, read with the JDK's HTTP client and with GDAL's {@code ogrinfo} (OAPIF driver)
 * as an independent client. Activity: 26 sessions of residents of the CA du Grand Verdun (Verdun 12, Belleville 11,
 * Belleray 3) at a cabin in Verdun; a pharmacy in Chaumont with no coordinates and no session.
 */
@MicronautTest
class OgcApiIT extends RealServers {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String GRAND_VERDUN = "200049187";

    @Inject EmbeddedServer server;
    @Inject MessageProcessor processor;
    @Inject TransactionOperations<Connection> transactions;

    private String cabin;
    private String pharmacy;
    private Http http;

    /** Everything in the database is counted: no traffic of the shared broker may reach it. */
    @Override
    public Map<String, String> getProperties() {
        Map<String, String> properties = new HashMap<>(super.getProperties());
        properties.put("maillage.ingest.enabled", "false");
        return properties;
    }

    @BeforeAll
    void activityInTheGrandVerdun() {
        http = new Http(server.getURI(), Tokens.evaluator());
        cabin = siteId("verdun-cabin");
        pharmacy = siteId("chaumont-pharmacy");
        Instant start = Instant.now().minus(3, ChronoUnit.DAYS).truncatedTo(ChronoUnit.HOURS);
        SessionFixture fixture = new SessionFixture(processor, transactions);
        fixture.site(cabin, SiteKind.CABIN, "55545", 49.16, 5.38);
        fixture.site(pharmacy, SiteKind.PHARMACY, "52121", null, null);
        List<Session> sessions = new ArrayList<>();
        sessions.addAll(times(12, new Session(start, "55545", RecourseReason.NO_REGULAR_DOCTOR, 9)));
        sessions.addAll(times(11, new Session(start, "55043", RecourseReason.PATIENT_PREFERENCE, 7)));
        sessions.addAll(times(3, new Session(start, "55042", RecourseReason.OUT_OF_HOURS, 10)));
        fixture.sessions(cabin, sessions);
    }

    private JsonNode json(String path) throws IOException {
        HttpResponse<String> response = http.get(path);
        assertThat(response.statusCode()).as(path + ": " + response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    @Test
    void landingPageLinksTheApiDefinitionConformanceAndCollections() throws IOException {
        JsonNode landing = json("/ogc");

        assertThat(landing.get("links").findValuesAsText("rel"))
                .contains("self", "service-desc", "conformance", "data");
        assertThat(landing.get("links").findValuesAsText("href")).allMatch(href -> href.startsWith("http://"));
        assertThat(JSON.convertValue(json("/ogc/conformance").get("conformsTo"), List.class))
                .contains("http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/core",
                        "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/geojson");
        assertThat(json("/ogc/api").get("openapi").asText()).startsWith("3.0");
    }

    @Test
    void collectionsAreSitesCommunesAndEpciWithItemsLinksAndExtent() throws IOException {
        JsonNode collections = json("/ogc/collections").get("collections");

        assertThat(collections.findValuesAsText("id")).containsExactlyInAnyOrder("sites", "communes", "epci");
        JsonNode communes = json("/ogc/collections/communes");
        assertThat(communes.get("itemType").asText()).isEqualTo("feature");
        JsonNode bbox = communes.at("/extent/spatial/bbox/0");
        // the three départements lie between 4.0° and 6.0° E, 47.5° and 49.7° N
        assertThat(bbox.get(0).asDouble()).isBetween(4.0, 5.0);
        assertThat(bbox.get(3).asDouble()).isBetween(49.0, 49.7);
        assertThat(communes.get("links")).anySatisfy(link -> {
            assertThat(link.get("rel").asText()).isEqualTo("items");
            assertThat(link.get("type").asText()).isEqualTo("application/geo+json");
        });
    }

    @Test
    void itemsArePagedWithNumberMatchedAndNextLinks() throws IOException {
        HttpResponse<String> response = http.get("/ogc/collections/communes/items?limit=100&offset=1500");
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/geo+json"));
        JsonNode page = JSON.readTree(response.body());

        assertThat(page.get("type").asText()).isEqualTo("FeatureCollection");
        assertThat(page.get("numberMatched").asInt()).isEqualTo(1516);
        assertThat(page.get("numberReturned").asInt()).isEqualTo(16);
        assertThat(page.get("links").findValuesAsText("rel")).contains("self", "prev").doesNotContain("next");
        JsonNode first = json("/ogc/collections/communes/items?limit=2");
        assertThat(first.get("features")).hasSize(2);
        String next = linkHref(first, "next");
        assertThat(next).contains("offset=2").contains("limit=2");
        JsonNode second = json(next.substring(next.indexOf("/ogc")));
        assertThat(second.at("/features/0/id").asText()).isNotEqualTo(first.at("/features/0/id").asText());
    }

    @Test
    void communesCarryIndicatorsWithSmallCellsSuppressed() throws IOException {
        JsonNode verdun = json("/ogc/collections/communes/items/55545").get("properties");
        JsonNode belleray = json("/ogc/collections/communes/items/55042").get("properties");
        JsonNode belleville = json("/ogc/collections/communes/items/55043").get("properties");

        assertThat(verdun.get("teleconsultations").asLong()).isEqualTo(12);
        assertThat(verdun.get("hardToAccessShare").asDouble()).isEqualTo(1.0);
        assertThat(verdun.get("meanSatisfaction").asDouble()).isEqualTo(9.0);
        assertThat(verdun.get("apl").isNumber()).isTrue();
        assertThat(verdun.get("epciSiren").asText()).isEqualTo(GRAND_VERDUN);
        assertThat(verdun.get("sessionsAtSites").asLong()).isEqualTo(26);
        assertThat(verdun.get("sites").asLong()).isEqualTo(1);
        // 3 residents: secret; 11 hidden too, or 26 − 12 − 11 would give the 3 back
        assertThat(belleray.get("teleconsultations").isNull()).isTrue();
        assertThat(belleray.get("meanSatisfaction").isNull()).isTrue();
        assertThat(belleray.get("suppressed").asText()).contains("teleconsultations", "meanSatisfaction");
        assertThat(belleville.get("teleconsultations").isNull()).isTrue();
        assertThat(belleville.get("meanSatisfaction").asDouble()).isEqualTo(7.0);
    }

    @Test
    void epciPolygonIsTheUnionOfItsCommunesWithSummedIndicators() throws IOException {
        JsonNode epci = json("/ogc/collections/epci/items/" + GRAND_VERDUN);

        assertThat(epci.at("/geometry/type").asText()).isIn("Polygon", "MultiPolygon");
        assertThat(epci.at("/properties/communes").asInt()).isEqualTo(25);
        assertThat(epci.at("/properties/teleconsultations").asLong()).isEqualTo(26);
        assertThat(epci.at("/properties/hardToAccessShare").asDouble()).isEqualTo(15.0 / 26);
        assertThat(epci.at("/properties/meanSatisfaction").asDouble()).isEqualTo((12 * 9 + 11 * 7 + 3 * 10) / 26.0);
        assertThat(epci.get("links").findValuesAsText("rel")).contains("self", "collection");
        // Verdun's centroid lies inside the union, so a bbox around it finds the EPCI
        JsonNode around = json("/ogc/collections/epci/items?bbox=5.36,49.14,5.37,49.15");
        assertThat(around.get("features").findValuesAsText("id")).contains(GRAND_VERDUN);
        assertThat(around.get("numberMatched").asInt()).isLessThan(5);
    }

    @Test
    void sitesArePointsWithStateAvailabilityAndSuppressedSessions() throws IOException {
        JsonNode verdun = json("/ogc/collections/sites/items/" + cabin);
        JsonNode chaumont = json("/ogc/collections/sites/items/" + pharmacy);

        assertThat(verdun.at("/geometry/coordinates/0").asDouble()).isEqualTo(5.38);
        assertThat(verdun.at("/properties/kind").asText()).isEqualTo("CABIN");
        assertThat(verdun.at("/properties/state").asText()).isEqualTo("ONLINE");
        assertThat(verdun.at("/properties/sessions").asLong()).isEqualTo(26);
        assertThat(verdun.at("/properties").has("availability")).isTrue();
        assertThat(chaumont.at("/properties/position").asText()).isEqualTo("commune centroid");
        assertThat(chaumont.at("/geometry/coordinates/1").asDouble()).isEqualTo(48.09792);
        assertThat(chaumont.at("/properties/sessions").asLong()).isZero();
        JsonNode earlier = json("/ogc/collections/sites/items/" + cabin + "?datetime=2025-01-01/2025-12-31");
        assertThat(earlier.at("/properties/sessions").asLong()).isZero();
        assertThat(earlier.at("/properties/periodEnd").asText()).isEqualTo("2025-12-31");
    }

    @ParameterizedTest(name = "{0} → 400")
    @CsvSource(delimiter = '|', value = {
        "/ogc/collections/communes/items?bbox=5,49,6|bbox must be 4 numbers",
        "/ogc/collections/communes/items?bbox=5,50,6,49|south",
        "/ogc/collections/communes/items?bbox=a,49,6,50|not a number",
        "/ogc/collections/communes/items?limit=0|limit must be at least 1",
        "/ogc/collections/communes/items?limit=ten|limit must be an integer",
        "/ogc/collections/communes/items?offset=-1|offset must be at least 0",
        "/ogc/collections/sites/items?datetime=yesterday|not an RFC 3339 date-time",
        "/ogc/collections/sites/items?datetime=2026-02-01/2026-01-01|after it ends",
    })
    void badParametersGet400WithAMessage(String path, String message) throws IOException {
        HttpResponse<String> response = http.get(path);

        assertThat(response.statusCode()).isEqualTo(400);
        JsonNode body = JSON.readTree(response.body());
        assertThat(body.get("code").asText()).isEqualTo("InvalidParameterValue");
        assertThat(body.get("description").asText()).contains(message);
    }

    @Test
    void unknownCollectionOrFeatureIs404AndAccessNeedsAnAllowedRole() {
        assertThat(http.get("/ogc/collections/roads").statusCode()).isEqualTo(404);
        assertThat(http.get("/ogc/collections/communes/items/99999").statusCode()).isEqualTo(404);
        assertThat(Http.anonymous(server.getURI()).get("/ogc/collections").statusCode()).isEqualTo(401);
        assertThat(new Http(server.getURI(), Tokens.siteOperator(cabin)).get("/ogc/collections").statusCode())
                .isEqualTo(403);
        assertThat(new Http(server.getURI(), Tokens.coordinator("55")).get("/ogc/collections").statusCode())
                .isEqualTo(200);
    }

    // --- GDAL, an independent client: ogrinfo with its OAPIF driver, authenticated by GDAL_HTTP_HEADERS ---

    @Test
    void gdalListsTheCollections() throws Exception {
        String out = ogrinfo("-ro", "-so", "-q", "OAPIF:" + server.getURI() + "/ogc");

        assertThat(out).contains("sites").contains("communes").contains("epci");
    }

    @Test
    void gdalCountsAndReadsFeatures() throws Exception {
        String communes = ogrinfo("-ro", "-so", "OAPIF:" + server.getURI() + "/ogc", "communes");
        assertThat(communes).contains("Feature Count: 1516").contains("teleconsultations");

        String epci = ogrinfo("-ro", "-spat", "5.36", "49.14", "5.37", "49.15", "OAPIF:" + server.getURI() + "/ogc",
                "epci");
        assertThat(epci).contains("code (String) = " + GRAND_VERDUN).contains("teleconsultations (Integer") 
                .containsPattern("teleconsultations \\(Integer[0-9]*\\) = 26");

        String sites = ogrinfo("-ro", "-where", "id = '" + cabin + "'", "OAPIF:" + server.getURI() + "/ogc", "sites");
        assertThat(sites).contains("kind (String) = CABIN").containsPattern("sessions \\(Integer[0-9]*\\) = 26")
                .contains("POINT (5.38 49.16)");
    }

    /** Runs ogrinfo with an evaluator's token; skipped outside CI when GDAL is not installed, failed in CI. */
    private String ogrinfo(String... arguments) throws Exception {
        boolean installed = Files.isExecutable(Path.of("/usr/bin/ogrinfo"));
        if (System.getenv("CI") == null) {
            assumeTrue(installed, "GDAL's ogrinfo is not installed (apt-get install gdal-bin; .ci/run does):"
                    + " the OGC API client test is skipped outside CI");
        }
        assertThat(installed).as("ogrinfo (Debian gdal-bin) must be installed in CI").isTrue();
        List<String> command = new ArrayList<>(List.of("/usr/bin/ogrinfo"));
        command.addAll(List.of(arguments));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put("GDAL_HTTP_HEADERS", "Authorization: Bearer " + Tokens.evaluator());
        builder.environment().put("CPL_CURL_VERBOSE", "NO");
        builder.environment().remove("http_proxy");
        builder.environment().remove("HTTP_PROXY");
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(output).isZero();
        return output;
    }

    private static String linkHref(JsonNode collection, String rel) {
        for (JsonNode link : collection.get("links")) {
            if (link.get("rel").asText().equals(rel)) {
                return link.get("href").asText();
            }
        }
        throw new AssertionError("no link " + rel + " in " + collection.get("links"));
    }
}
