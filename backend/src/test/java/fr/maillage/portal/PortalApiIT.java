package fr.maillage.portal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import fr.maillage.contract.Channel;
import fr.maillage.contract.ConnectionState;
import fr.maillage.contract.SiteDescriptor;
import fr.maillage.contract.SiteKind;
import fr.maillage.contract.SiteTopic;
import fr.maillage.contract.StateMessage;
import fr.maillage.ingest.MqttIngestClient;
import fr.maillage.support.Http;
import fr.maillage.support.RealServers;
import fr.maillage.support.TestPublisher;
import fr.maillage.support.Tokens;
import io.micronaut.core.type.Argument;
import io.micronaut.json.JsonMapper;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.awt.image.BufferedImage;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.openpdf.text.pdf.PdfReader;
import org.openpdf.text.pdf.parser.PdfTextExtractor;

/** The portal's HTTP side on the real PostgreSQL and broker, with the shipped territory data imported at start. */
@MicronautTest
class PortalApiIT extends RealServers {

    /** CA de Bar-le-Duc - Sud Meuse: 33 communes in the shipped data. */
    private static final String EPCI = "200033025";

    @Inject EmbeddedServer server;
    @Inject MqttIngestClient ingest;
    @Inject JsonMapper json;

    private Http http;
    private TestPublisher publisher;
    private String site;

    @BeforeAll
    void siteIsBorn() throws Exception {
        http = new Http(server.getURI());
        await().atMost(Duration.ofSeconds(20)).until(ingest::isConnected);
        publisher = new TestPublisher(servers.mqttUri());
        site = siteId("cabine-api");
        publisher.publish(site, new StateMessage(1, UUID.randomUUID(), site, Instant.now(), 1, 0,
                ConnectionState.ONLINE,
                new SiteDescriptor("Cabine de Ligny", SiteKind.CABIN, "55291", 48.69, 5.33), "t"));
        await().atMost(Duration.ofSeconds(20)).until(() -> http.get("/api/sites/" + site).statusCode() == 200);
    }

    @AfterAll
    void clear() throws Exception {
        publisher.clearRetained(new SiteTopic(site, Channel.STATE).topic());
        publisher.close();
    }

    private Map<String, Object> object(String body) throws Exception {
        return json.readValue(body, Argument.mapOf(String.class, Object.class));
    }

    private HttpResponse<String> post(String path, String contentType, String body) {
        return http.send(HttpRequest.newBuilder(server.getURI().resolve(path))
                .header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build());
    }

    private static String pdfText(byte[] pdf) throws Exception {
        PdfReader reader = new PdfReader(pdf);
        StringBuilder text = new StringBuilder();
        PdfTextExtractor extractor = new PdfTextExtractor(reader);
        for (int page = 1; page <= reader.getNumberOfPages(); page++) {
            text.append(extractor.getTextFromPage(page)).append('\n');
        }
        reader.close();
        return text.toString();
    }

    @Test
    @DisplayName("the page and its libraries come from the application itself, so it works without Internet")
    void pageAndLibrariesAreServedLocally() {
        var page = http.get("/");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("lang=\"fr\"").contains("/webjars/leaflet/1.9.4/dist/leaflet.js")
                .doesNotContain("https://");
        assertThat(http.get("/webjars/leaflet/1.9.4/dist/leaflet.js").statusCode()).isEqualTo(200);
        assertThat(http.get("/webjars/echarts/5.3.1/dist/echarts.min.js").statusCode()).isEqualTo(200);
        for (String other : List.of("/site.html", "/territoire.html", "/saisie.html", "/map.js", "/portal.css")) {
            assertThat(http.get(other).statusCode()).as(other).isEqualTo(200);
        }
    }

    @Test
    @DisplayName("the event stream sends every site on connection, then the Will's change to OFFLINE")
    void eventStreamFollowsState() throws Exception {
        String other = siteId("sse");
        publisher.publish(other, new StateMessage(1, UUID.randomUUID(), other, Instant.now(), 1, 0,
                ConnectionState.ONLINE, new SiteDescriptor("MSP de Stenay", SiteKind.HEALTH_CENTRE, "55502", 49.49,
                        5.19), "t"));
        await().atMost(Duration.ofSeconds(20)).until(() -> http.get("/api/sites/" + other).statusCode() == 200);
        HttpResponse<InputStream> stream = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(server.getURI().resolve("/api/portal/events"))
                        .header("Authorization", "Bearer " + Tokens.admin()).build(),
                HttpResponse.BodyHandlers.ofInputStream());
        assertThat(stream.headers().firstValue("content-type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("text/event-stream"));
        try (var lines = new BufferedReader(new InputStreamReader(stream.body(), StandardCharsets.UTF_8))) {
            CompletableFuture<Void> seen = CompletableFuture.runAsync(() -> {
                boolean online = false;
                try {
                    String line;
                    while ((line = lines.readLine()) != null) {
                        if (line.startsWith("data:") && line.contains(other)) {
                            if (line.contains("\"ONLINE\"")) {
                                online = true;
                                publisher.publish(other, new StateMessage(1, UUID.randomUUID(), other, Instant.now(),
                                        1, 0, ConnectionState.OFFLINE, null, null));
                            } else if (online && line.contains("\"OFFLINE\"")) {
                                return;
                            }
                        }
                    }
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            seen.get(30, TimeUnit.SECONDS);
        } finally {
            publisher.clearRetained(new SiteTopic(other, Channel.STATE).topic());
        }
    }

    @Test
    @DisplayName("a coordinator's event stream has the sites of the coordinator's département only")
    void eventStreamKeepsToTheScope() throws Exception {
        String hauteMarne = siteId("joinville");
        publisher.publish(hauteMarne, new StateMessage(1, UUID.randomUUID(), hauteMarne, Instant.now(), 1, 0,
                ConnectionState.ONLINE, new SiteDescriptor("Pharmacie de Joinville", SiteKind.PHARMACY, "52250",
                        48.44, 5.14), "t"));
        try {
            await().atMost(Duration.ofSeconds(20)).until(() -> http.get("/api/sites/" + hauteMarne).statusCode() == 200);
            HttpResponse<InputStream> stream = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(server.getURI().resolve("/api/portal/events"))
                            .header("Authorization", "Bearer " + Tokens.coordinator("52")).build(),
                    HttpResponse.BodyHandlers.ofInputStream());
            List<String> received = new java.util.concurrent.CopyOnWriteArrayList<>();
            Thread reader = Thread.ofVirtual().start(() -> {
                try (var lines = new BufferedReader(new InputStreamReader(stream.body(), StandardCharsets.UTF_8))) {
                    lines.lines().filter(line -> line.startsWith("data:")).forEach(received::add);
                } catch (Exception e) {
                    // the stream is closed by the interrupt below
                }
            });
            // every visible site is sent at once on connection; three seconds is ample
            Thread.sleep(Duration.ofSeconds(3));
            reader.interrupt();
            stream.body().close();
            assertThat(received).anySatisfy(line -> assertThat(line).contains(hauteMarne));
            assertThat(received).noneSatisfy(line -> assertThat(line).contains(site));
        } finally {
            publisher.clearRetained(new SiteTopic(hauteMarne, Channel.STATE).topic());
        }
    }

    @Test
    @DisplayName("an EPCI is compared with its département and the three départements, as JSON and CSV")
    void comparisonTable() throws Exception {
        var response = http.get("/api/portal/territories/epci/" + EPCI + "/comparison");
        assertThat(response.statusCode()).isEqualTo(200);
        Map<String, Object> comparison = object(response.body());
        assertThat(comparison).containsKeys("territory", "departement", "network");
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> rows = (List<Map<String, Object>>) comparison.get("rows");
        assertThat(rows).extracting(row -> row.get("key")).contains("POPULATION", "RESIDENT_RATE", "APL", "SITES");
        Map<String, Object> population = rows.getFirst();
        assertThat(((Map<?, ?>) population.get("territory")).get("value")).isEqualTo(33281.0);

        var csv = http.get("/api/portal/territories/epci/" + EPCI + "/comparison.csv?from=2026-01-01&to=2026-06-30");
        assertThat(csv.statusCode()).isEqualTo(200);
        assertThat(csv.headers().firstValue("content-type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/csv"));
        assertThat(csv.headers().firstValue("content-disposition")).hasValueSatisfying(
                d -> assertThat(d).contains("attachment"));
        String[] lines = csv.body().split("\r\n");
        assertThat(lines[0]).isEqualTo("indicator,label,unit,territory,departement,network,suppressed,from,to");
        assertThat(lines[1]).startsWith("POPULATION,Population municipale,habitants,33281,").endsWith(",2026-01-01,2026-06-30");
        assertThat(lines).hasSize(ComparedIndicator.values().length + 1);
    }

    @Test
    @DisplayName("the communes of an EPCI export as CSV and as GeoJSON with polygons, one line or feature each")
    void communeExports() throws Exception {
        var csv = http.get("/api/portal/territories/epci/" + EPCI + "/communes.csv");
        assertThat(csv.statusCode()).isEqualTo(200);
        String[] lines = csv.body().split("\r\n");
        assertThat(lines[0]).startsWith("code,name,departement,epciSiren,population,apl");
        assertThat(lines).hasSize(34).anySatisfy(line -> assertThat(line).startsWith("55029,Bar-le-Duc,55," + EPCI));

        var geo = http.get("/api/portal/territories/epci/" + EPCI + "/communes.geojson");
        assertThat(geo.statusCode()).isEqualTo(200);
        Map<String, Object> collection = object(geo.body());
        assertThat(collection).containsEntry("type", "FeatureCollection");
        List<?> features = (List<?>) collection.get("features");
        assertThat(features).hasSize(33).allSatisfy(feature -> assertThat(((Map<?, ?>) feature).get("geometry")).isNotNull());
    }

    @Test
    @DisplayName("the PDF report of an EPCI has its name, its table and the page's images; a commune gets a 400")
    void pdfReport() throws Exception {
        HttpResponse<byte[]> tables = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(server.getURI().resolve("/api/portal/reports/epci/" + EPCI + ".pdf"))
                        .header("Authorization", "Bearer " + Tokens.admin()).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(tables.statusCode()).isEqualTo(200);
        assertThat(pdfText(tables.body())).contains("Population municipale").doesNotContain("Carte :");

        BufferedImage image = new BufferedImage(200, 100, BufferedImage.TYPE_INT_RGB);
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        ImageIO.write(image, "png", png);
        String dataUrl = "data:image/png;base64," + Base64.getEncoder().encodeToString(png.toByteArray());
        HttpResponse<byte[]> withImages = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(server.getURI().resolve("/api/portal/reports/epci/" + EPCI + ".pdf"))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .header("Authorization", "Bearer " + Tokens.admin())
                        .POST(HttpRequest.BodyPublishers.ofString("from=2026-01-01&to=2026-06-30&map="
                                + java.net.URLEncoder.encode(dataUrl, StandardCharsets.UTF_8) + "&chart="
                                + java.net.URLEncoder.encode(dataUrl, StandardCharsets.UTF_8)))
                        .build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(withImages.statusCode()).isEqualTo(200);
        assertThat(withImages.headers().firstValue("content-type")).hasValue("application/pdf");
        String text = pdfText(withImages.body());
        assertThat(text).contains("CA de Bar-le-Duc - Sud Meuse").contains("Indicateurs comparés")
                .contains("Carte : téléconsultations pour 1 000 habitants").contains("Bar-le-Duc")
                .contains("01/01/2026").contains("30/06/2026");

        assertThat(http.get("/api/portal/reports/communes/55029.pdf").statusCode()).isEqualTo(400);
        var notPng = post("/api/portal/reports/epci/" + EPCI + ".pdf", "application/x-www-form-urlencoded",
                "map=data%3Aimage%2Fpng%3Bbase64%2CaGVsbG8%3D");
        assertThat(notPng.statusCode()).isEqualTo(400);
    }

    @Test
    @DisplayName("a session typed in the portal is refused with the agent's French messages, or becomes an Encounter")
    void sessionEntry() throws Exception {
        var refused = post("/api/portal/sites/" + site + "/sessions", "application/json",
                "{\"startedAt\":\"2026-11-02T10:00\",\"endedAt\":\"2026-11-02T09:00\",\"satisfaction\":\"12\","
                        + "\"roleStrengthened\":\"PEUT-ETRE\"}");
        assertThat(refused.statusCode()).isEqualTo(422);
        assertThat(refused.body()).contains("\"field\":\"professional\"").contains("à renseigner")
                .contains("\"field\":\"ended-at\"").contains("précède le début")
                .contains("la satisfaction est un nombre entier de 0 à 10")
                .contains("\"field\":\"role-strengthened\"").contains("valeur inconnue « PEUT-ETRE »");
        assertThat(http.get("/api/portal/session-form").body()).contains("\"role-strengthened\":[")
                .contains("{\"code\":\"STRONGLY_AGREE\",\"label\":\"Tout à fait d'accord\"}");

        String start = Instant.now().minus(Duration.ofMinutes(30)).toString();
        String end = Instant.now().minus(Duration.ofMinutes(5)).toString();
        var created = post("/api/portal/sites/" + site + "/sessions", "application/json", """
                {"startedAt":"%s","endedAt":"%s","professional":"NURSE","reason":"DOCTOR_TOO_FAR",
                 "outcome":"ADVICE_ONLY","ageBand":"AGE_60_74","sex":"FEMALE","commune":"Bar-le-Duc (55029)",
                 "regularDoctor":"non","devices":["OTOSCOPE"],"satisfaction":"9","roleStrengthened":"AGREE"}"""
                .formatted(start, end));
        assertThat(created.statusCode()).isEqualTo(201);
        String encounter = (String) object(created.body()).get("encounter");
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            var fhir = http.get(encounter);
            assertThat(fhir.statusCode()).isEqualTo(200);
            assertThat(fhir.body()).contains("\"finished\"");
        });
        // the professional's answer came with the session: its response is read through /fhir
        String session = encounter.substring(encounter.lastIndexOf('/') + 1);
        var responses = http.get("/fhir/QuestionnaireResponse?encounter=" + session
                + "&questionnaire=https://maillage.fr/fhir/Questionnaire/assisting-professional-survey");
        assertThat(responses.statusCode()).isEqualTo(200);
        assertThat(responses.body().split("\"resourceType\":\"QuestionnaireResponse\"", -1)).hasSize(2);
        assertThat(responses.body()).contains("\"linkId\":\"role-strengthened\"").contains("\"code\":\"agree\"");
        var weeks = http.get("/api/portal/sites/" + site + "/weekly-sessions?weeks=2");
        assertThat(weeks.body()).contains("\"finished\":1");

        assertThat(post("/api/portal/sites/no-such-site/sessions", "application/json", "{}").statusCode())
                .isEqualTo(404);
        var otherOperator = new Http(server.getURI(), Tokens.siteOperator(siteId("another-site")));
        assertThat(otherOperator.send(HttpRequest.newBuilder(server.getURI().resolve("/api/portal/sites/" + site + "/sessions"))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString("{}")))
                .statusCode()).as("an operator of another site").isEqualTo(403);
        assertThat(new Http(server.getURI(), Tokens.evaluator()).get("/api/portal/sites/" + site + "/weekly-sessions")
                .statusCode()).as("an evaluator, for a site's small counts").isEqualTo(403);
    }
    @Test
    @DisplayName("before INSEE's age file is imported the 65+ layer's data is empty, and the map says so")
    void ageLayerIsEmptyBeforeAnImport() {
        var ages = http.get("/api/portal/communes/age-structure");
        assertThat(ages.statusCode()).isEqualTo(200);
        assertThat(ages.body()).isEqualTo("[]");
        assertThat(http.get("/map.js").body()).contains("Données non importées");
    }

    @Test
    @DisplayName("the map's polygons come once with an ETag and are then revalidated with a 304; figures come apart")
    void mapPolygonsAreRevalidatedAndFiguresComeApart() throws Exception {
        var polygons = http.get("/api/portal/map/communes.geojson");
        assertThat(polygons.statusCode()).isEqualTo(200);
        String etag = polygons.headers().firstValue("ETag").orElseThrow();
        assertThat(polygons.headers().firstValue("Cache-Control")).hasValue("private, no-cache");
        Map<String, Object> collection = object(polygons.body());
        assertThat((List<?>) collection.get("features")).hasSize(1_516);
        var again = http.send(HttpRequest.newBuilder(server.getURI().resolve("/api/portal/map/communes.geojson"))
                .header("If-None-Match", etag));
        assertThat(again.statusCode()).isEqualTo(304);
        assertThat(again.body()).isEmpty();

        var figures = http.get("/api/portal/map/figures?from=2026-01-01&to=2026-06-30");
        assertThat(figures.statusCode()).isEqualTo(200);
        Map<String, Object> answer = object(figures.body());
        assertThat(answer).containsEntry("ageYear", null);
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> communes = (List<Map<String, Object>>) answer.get("communes");
        assertThat(communes).hasSize(1_516);
        assertThat(communes).filteredOn(c -> "55291".equals(c.get("code"))).singleElement().satisfies(c -> {
            assertThat(c).doesNotContainKey("name").containsKeys("apl", "teleconsultations", "per1000Inhabitants", "suppressed", "gpsPer10000",
                            "share65Plus");
            assertThat((Integer) c.get("sites")).isPositive();
        });
        assertThat(http.get("/api/portal/map/figures?from=2026-06-30&to=2026-01-01").statusCode()).isEqualTo(400);
    }

    @Test
    @DisplayName("the favicon answers anonymously, so no page logs a refused request for it")
    void faviconIsPublic() {
        var favicon = Http.anonymous(server.getURI()).get("/favicon.ico");
        assertThat(favicon.statusCode()).isEqualTo(200);
    }

    @Test
    @DisplayName("the map's site list downloads as CSV and GeoJSON with the map's filters and the user's scope")
    void siteListExports() throws Exception {
        var csv = http.get("/api/portal/sites.csv?departement=55&kinds=CABIN,PHARMACY");
        assertThat(csv.statusCode()).isEqualTo(200);
        assertThat(csv.headers().firstValue("Content-Disposition")).hasValue("attachment; filename=\"sites.csv\"");
        List<String> lines = csv.body().lines().toList();
        assertThat(lines.getFirst()).isEqualTo("id,name,kind,inseeCode,commune,departement,epciSiren,latitude,longitude,state");
        assertThat(lines).anyMatch(line -> line.startsWith(site + ",Cabine de Ligny,CABIN,55291,Ligny-en-Barrois,55,"));
        assertThat(http.get("/api/portal/sites.csv?departement=52").body()).doesNotContain(site);
        assertThat(http.get("/api/portal/sites.csv?kinds=PHARMACY").body()).doesNotContain(site);
        assertThat(new Http(server.getURI(), Tokens.coordinator("52")).get("/api/portal/sites.csv").body())
                .as("outside a coordinator's territory").doesNotContain(site);

        var geoJson = http.get("/api/portal/sites.geojson?commune=55291");
        assertThat(geoJson.statusCode()).isEqualTo(200);
        Map<String, Object> collection = object(geoJson.body());
        List<?> features = (List<?>) collection.get("features");
        assertThat(features).hasSize(1);
        assertThat(features.getFirst().toString()).contains("coordinates=[5.33, 48.69]").contains("Ligny-en-Barrois");
    }

    @Test
    @DisplayName("the site page's tables download as CSV, each for those who may read it")
    void siteTablesExports() {
        var weekly = http.get("/api/portal/sites/" + site + "/weekly-sessions.csv?weeks=4");
        assertThat(weekly.statusCode()).isEqualTo(200);
        assertThat(weekly.body()).startsWith("week,finished,cancelled\r\n");
        var availability = http.get("/api/portal/sites/" + site + "/availability.csv?from=2026-01-01&to=2026-01-08");
        assertThat(availability.statusCode()).isEqualTo(200);
        List<String> days = availability.body().lines().toList();
        assertThat(days).hasSize(8);
        assertThat(days.get(1)).startsWith("2026-01-01,");
        assertThat(http.get("/api/portal/sites/" + site + "/availability.csv?from=2026-01-08&to=2026-01-01")
                .statusCode()).isEqualTo(400);
        var incidents = new Http(server.getURI(), Tokens.coordinator("55"))
                .get("/api/portal/sites/" + site + "/incidents.csv");
        assertThat(incidents.statusCode()).isEqualTo(200);
        assertThat(incidents.body()).startsWith("id,rule,deviceId,detail,openedAt,resolvedAt");
        assertThat(new Http(server.getURI(), Tokens.coordinator("52"))
                .get("/api/portal/sites/" + site + "/incidents.csv").statusCode()).isEqualTo(403);
        assertThat(new Http(server.getURI(), Tokens.evaluator())
                .get("/api/portal/sites/" + site + "/incidents.csv").statusCode()).isEqualTo(403);
        assertThat(new Http(server.getURI(), Tokens.coordinator("52"))
                .get("/api/portal/sites/" + site + "/availability.csv").statusCode()).isEqualTo(403);
        assertThat(http.get("/api/portal/sites/nowhere/weekly-sessions.csv").statusCode()).isEqualTo(404);
    }
}
