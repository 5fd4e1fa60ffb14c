package fr.maillage.ogc;

import static fr.maillage.study.SessionFixture.times;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

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
import java.io.UncheckedIOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The open-data exports: written on schedule and on the admin's trigger, with codebook and checksums, served. */
@MicronautTest
class OpenDataIT extends RealServers {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Inject EmbeddedServer server;
    @Inject MessageProcessor processor;
    @Inject TransactionOperations<Connection> transactions;

    private final Path directory = createDirectory();

    private static Path createDirectory() {
        try {
            return Files.createTempDirectory("maillage-opendata-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> properties = new HashMap<>(super.getProperties());
        properties.put("maillage.ingest.enabled", "false");
        properties.put("maillage.opendata.directory", directory.toString());
        properties.put("maillage.opendata.cron", "*/5 * * * * *");
        return properties;
    }

    @BeforeAll
    void residentsOfVerdunBellevilleAndBelleray() {
        SessionFixture fixture = new SessionFixture(processor, transactions);
        String cabin = siteId("verdun-cabin");
        fixture.site(cabin, SiteKind.CABIN, "55545", 49.16, 5.38);
        Instant start = Instant.now().minus(2, ChronoUnit.DAYS);
        fixture.sessions(cabin, times(14, new Session(start, "55545", RecourseReason.NO_APPOINTMENT_IN_TIME, 8)));
        fixture.sessions(cabin, times(11, new Session(start, "55043", RecourseReason.PATIENT_PREFERENCE, 6)));
        fixture.sessions(cabin, times(3, new Session(start, "55042", RecourseReason.NO_APPOINTMENT_IN_TIME, 8)));
    }

    @Test
    void theScheduledJobWritesTheDirectory() {
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(directory.resolve("SHA256SUMS"))
                .exists());
        assertThat(directory.resolve("communes.csv")).exists();
        assertThat(directory.resolve("epci.geojson")).exists();
        assertThat(directory.resolve("codebook.md")).exists();
    }

    @Test
    void theAdminTriggerWritesTablesCodebookAndChecksumsThatMatch() throws Exception {
        HttpResponse<String> response = new Http(server.getURI()).send(HttpRequest.newBuilder(
                server.getURI().resolve("/api/admin/opendata/exports")).POST(HttpRequest.BodyPublishers.noBody()));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonNode export = JSON.readTree(response.body());

        assertThat(export.get("files").findValuesAsText("name")).containsExactly("communes.csv", "communes.geojson",
                "epci.csv", "epci.geojson", "codebook.md", "SHA256SUMS");
        // sha256sum -c: every line of SHA256SUMS names a file whose digest it is
        for (String line : Files.readAllLines(directory.resolve("SHA256SUMS"))) {
            String[] parts = line.split(" {2}");
            byte[] content = Files.readAllBytes(directory.resolve(parts[1]));
            assertThat(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content)))
                    .as(parts[1]).isEqualTo(parts[0]);
        }
        List<String> communes = Files.readAllLines(directory.resolve("communes.csv"), StandardCharsets.UTF_8);
        assertThat(communes.getFirst()).startsWith("code,name,departements,epciSiren,communes,population,");
        assertThat(communes).hasSize(1 + 1516);
        String verdun = communes.stream().filter(l -> l.startsWith("55545,")).findFirst().orElseThrow();
        String belleville = communes.stream().filter(l -> l.startsWith("55043,")).findFirst().orElseThrow();
        String belleray = communes.stream().filter(l -> l.startsWith("55042,")).findFirst().orElseThrow();
        List<String> header = List.of(communes.getFirst().split(","));
        assertThat(verdun.split(",")[header.indexOf("teleconsultations")]).isEqualTo("14");
        assertThat(verdun.split(",")[header.indexOf("hardToAccessShare")]).isEqualTo("1.0");
        // Belleray's 3 residents are secret, and Belleville's 11 hidden too, or the département's 28 would give them
        assertThat(belleray.split(",", -1)[header.indexOf("teleconsultations")]).isEmpty();
        assertThat(belleray.split(",", -1)[header.indexOf("suppressed")]).contains("teleconsultations");
        assertThat(belleville.split(",", -1)[header.indexOf("teleconsultations")]).isEmpty();
        String epci = Files.readString(directory.resolve("epci.csv"));
        assertThat(epci).contains("200049187,CA du Grand Verdun,55,,25,");
        String grandVerdun = epci.lines().filter(l -> l.startsWith("200049187,")).findFirst().orElseThrow();
        assertThat(grandVerdun.split(",", -1)[header.indexOf("teleconsultations")]).isEqualTo("28");
        String codebook = Files.readString(directory.resolve("codebook.md"));
        assertThat(codebook).contains("## Suppression rule").contains("from 1 to 10")
                .contains("| `apl` |").contains("DREES");
    }

    @Test
    void theDirectoryIsListedAndServedAndNothingElse() throws IOException {
        new Http(server.getURI()).send(HttpRequest.newBuilder(server.getURI().resolve("/api/admin/opendata/exports"))
                .POST(HttpRequest.BodyPublishers.noBody()));
        Http evaluator = new Http(server.getURI(), Tokens.evaluator());

        JsonNode listing = JSON.readTree(evaluator.get("/api/opendata").body());
        assertThat(listing.findValuesAsText("name")).contains("communes.geojson", "SHA256SUMS");
        HttpResponse<String> geojson = evaluator.get("/api/opendata/files/communes.geojson");
        assertThat(geojson.statusCode()).isEqualTo(200);
        assertThat(geojson.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/geo+json"));
        assertThat(JSON.readTree(geojson.body()).get("features")).hasSize(1516);

        assertThat(evaluator.get("/api/opendata/files/..%2F..%2Fetc%2Fpasswd").statusCode()).isIn(400, 404);
        assertThat(evaluator.get("/api/opendata/files/.communes.csv.partial").statusCode()).isEqualTo(400);
        assertThat(evaluator.get("/api/opendata/files/passwd").statusCode()).isEqualTo(404);
        assertThat(evaluator.send(HttpRequest.newBuilder(server.getURI().resolve("/api/admin/opendata/exports"))
                .POST(HttpRequest.BodyPublishers.noBody())).statusCode()).isEqualTo(403);
        assertThat(Http.anonymous(server.getURI()).get("/api/opendata").statusCode()).isEqualTo(401);
    }
}
