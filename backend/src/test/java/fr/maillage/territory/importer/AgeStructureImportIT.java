package fr.maillage.territory.importer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import fr.maillage.support.Http;
import fr.maillage.support.Tokens;
import fr.maillage.territory.TerritoryServers;
import io.micronaut.context.env.Environment;
import io.micronaut.core.type.Argument;
import io.micronaut.jdbc.DataSourceResolver;
import io.micronaut.json.JsonMapper;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.io.InputStream;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** INSEE's age structure through the admin API and the command line, into this test class's database. */
@MicronautTest(transactional = false)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AgeStructureImportIT extends TerritoryServers {

    @Inject EmbeddedServer server;
    @Inject JsonMapper json;
    @Inject DataSource contextualDataSource;
    @Inject DataSourceResolver dataSources;
    @Inject Environment environment;

    private Path file;

    @BeforeAll
    void copyTheTestFileToTheServer() throws Exception {
        file = Files.createTempFile("base-cc-evol-struct-pop-2021", ".CSV");
        try (InputStream in = getClass().getClassLoader().getResourceAsStream(AgeStructureReaderTest.TEST_FILE)) {
            Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    @AfterAll
    void removeIt() throws Exception {
        Files.deleteIfExists(file);
    }

    private Map<String, Object> imported(String body) throws Exception {
        var response = new Http(server.getURI()).send(HttpRequest.newBuilder(
                        server.getURI().resolve("/api/admin/territory/imports"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        List<Map<String, Object>> reports =
                json.readValue(response.body(), Argument.listOf(Argument.mapOf(String.class, Object.class)));
        assertThat(reports).hasSize(1);
        return reports.getFirst();
    }

    @Test
    @Order(1)
    @DisplayName("the admin API imports the file once, reports what it read and skipped, and a second time finds"
            + " every row unchanged; the command line reads the same file")
    void importIsIdempotentAndReported() throws Exception {
        String request = "{\"dataset\":\"AGE_STRUCTURE\",\"path\":\"" + file + "\",\"departements\":[\"52\",\"54\",\"55\"]}";
        Map<String, Object> first = imported(request);
        assertThat(first).containsEntry("read", 9).containsEntry("inserted", 4).containsEntry("unchanged", 0)
                .containsEntry("skipped", 5);
        assertThat(first.get("skipReasons")).isEqualTo(Map.of("département not selected", 2,
                "invalid INSEE code", 1, "duplicate key in the file", 1, "missing or non-numeric population", 1));
        Map<String, Object> second = imported(request);
        assertThat(second).containsEntry("inserted", 0).containsEntry("updated", 0).containsEntry("unchanged", 4);

        Map<String, Object> settings = new HashMap<>();
        for (String property : List.of("datasources.default.url", "datasources.default.username",
                "datasources.default.password", "maillage.jwt.secret")) {
            environment.getProperty(property, String.class).ifPresent(value -> settings.put(property, value));
        }
        int exit = new CommandLine(new ImportCommand(settings))
                .execute("--dataset", "AGE_STRUCTURE", "--file", file.toString(), "--departements", "55");
        assertThat(exit).isZero();

        try (Connection c = dataSources.resolve(contextualDataSource).getConnection();
                Statement s = c.createStatement()) {
            try (ResultSet rs = s.executeQuery("SELECT dataset, read, unchanged, skipped FROM territory_import"
                    + " ORDER BY id DESC LIMIT 1")) {
                rs.next();
                assertThat(rs.getString(1)).isEqualTo("AGE_STRUCTURE");
                assertThat(rs.getInt(2)).isEqualTo(9);
                assertThat(rs.getInt(3)).isEqualTo(2);
                assertThat(rs.getInt(4)).isEqualTo(7);
            }
            try (ResultSet rs = s.executeQuery("SELECT year, population, aged_65_79 + aged_80_plus FROM"
                    + " commune_age_structure WHERE insee_code = '52250'")) {
                rs.next();
                assertThat(rs.getInt(1)).isEqualTo(2021);
                assertThat(rs.getDouble(2)).isEqualTo(3071);
                assertThat(rs.getDouble(3)).isBetween(716.566, 716.567);
            }
        }
    }

    @Test
    @Order(2)
    @DisplayName("once imported, the care supply and the coverage count the population aged 65+ (population municipale"
            + " × INSEE's share), and the need says which communes were weighed by age")
    void indicatorsAndCoverageCountThePopulationAged65Plus() throws Exception {
        Http http = new Http(server.getURI(), Tokens.evaluator());
        var joinville = json.readValue(http.get("/api/territories/communes/52250/indicators").body(),
                Argument.mapOf(String.class, Object.class));
        @SuppressWarnings("unchecked")
        Map<String, Object> supply = (Map<String, Object>) joinville.get("supply");
        // Joinville: 65+ = (461.67367 + 254.893) / 3071 = 23.333 % of INSEE's 2021 count, × 2,915 inhabitants = 680.17
        assertThat(supply).containsEntry("ageStructureYear", 2021).containsEntry("ageStructureCommunes", 1);
        assertThat(((Number) supply.get("share65Plus")).doubleValue()).isCloseTo(716.56667 / 3071, within(1e-9));
        assertThat(((Number) supply.get("population65Plus")).doubleValue()).isCloseTo(680.16667, within(1e-4));

        var meuse = json.readValue(http.get("/api/territories/departements/55/coverage?radiusKm=10").body(),
                Argument.mapOf(String.class, Object.class));
        // Bar-le-Duc 14,607 × 2,877.18667 / 14,882.0 = 2,824.02 and Commercy 5,350 × 1,162.35 / 5,535 = 1,123.50;
        // Verdun's row lacks its 65-79 count and was not imported; no site in this database, so nobody is covered
        assertThat(meuse).containsEntry("ageStructureCommunes", 2);
        assertThat(((Number) meuse.get("population65Plus")).doubleValue()).isCloseTo(3_947.52, within(1e-2));
        assertThat(((Number) meuse.get("coveredPopulation65Plus")).doubleValue()).isZero();

        var priorities = json.readValue(http.get("/api/territories/departements/55/priorities?proposals=1").body(),
                Argument.mapOf(String.class, Object.class));
        @SuppressWarnings("unchecked")
        Map<String, Object> need = (Map<String, Object>) priorities.get("need");
        assertThat(need).containsEntry("elderlyWeight", 2.0).containsEntry("ageStructureYear", 2021)
                .containsEntry("communesWithoutAgeStructure", 497);
        assertThat((String) need.get("note")).startsWith("497 of 499 communes have no age structure");
    }

    @Test
    @Order(3)
    @DisplayName("a file that is not INSEE's age structure is refused with what was expected, and nothing is stored")
    void refusesAnotherFile() throws Exception {
        Path other = Files.createTempFile("not-insee", ".csv");
        Files.writeString(other, "code_insee,population\n55029,100\n");
        var response = new Http(server.getURI()).send(HttpRequest.newBuilder(
                        server.getURI().resolve("/api/admin/territory/imports"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(
                        "{\"dataset\":\"AGE_STRUCTURE\",\"path\":\"" + other + "\"}")));
        Files.delete(other);
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("AGE_STRUCTURE import failed").contains("P21_POP");
    }
}
