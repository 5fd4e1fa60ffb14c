package fr.maillage.territory.importer;

import static org.assertj.core.api.Assertions.assertThat;

import fr.maillage.territory.TerritoryServers;
import io.micronaut.context.env.Environment;
import io.micronaut.jdbc.DataSourceResolver;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The command line against this test class's database, as an operator would run it. */
@MicronautTest(transactional = false)
class ImportCommandIT extends TerritoryServers {

    @Inject DataSource contextualDataSource;
    @Inject DataSourceResolver dataSources;
    @Inject Environment environment;

    /** Runs the command on the database of this test's application context. */
    private int run(String... args) {
        Map<String, Object> settings = new HashMap<>();
        for (String property : List.of("datasources.default.url", "datasources.default.username",
                "datasources.default.password", "maillage.jwt.secret")) {
            environment.getProperty(property, String.class).ifPresent(value -> settings.put(property, value));
        }
        return new CommandLine(new ImportCommand(settings)).execute(args);
    }

    @Test
    void importsAFileForTheGivenDepartementsAndReimportsTheShippedDataUnchanged() throws Exception {
        Path formerCodes = Files.createTempFile("former_codes", ".csv");
        Files.writeString(formerCodes, """
                code_insee,nom,type,commune_chef_lieu,departement
                55999,Ville-test,commune-deleguee,55029,55
                52999,Hors sélection,commune-deleguee,52121,52
                """, StandardCharsets.UTF_8);

        int imported = run("--dataset", "FORMER_CODES", "--file", formerCodes.toString(), "--departements", "55");
        int reimported = run("--dataset", "COMMUNES");
        Files.delete(formerCodes);

        assertThat(imported).isZero();
        assertThat(reimported).isZero();
        try (Connection c = dataSources.resolve(contextualDataSource).getConnection();
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT former_code, insee_code FROM commune_former_code"
                        + " WHERE former_code IN ('55999', '52999')")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString(1)).isEqualTo("55999");
            assertThat(rs.getString(2)).isEqualTo("55029");
            assertThat(rs.next()).isFalse();
        }
        try (Connection c = dataSources.resolve(contextualDataSource).getConnection();
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT dataset, inserted, unchanged FROM territory_import"
                        + " ORDER BY id DESC LIMIT 1")) {
            rs.next();
            assertThat(rs.getString(1)).isEqualTo("COMMUNES");
            assertThat(rs.getInt(2)).isZero();
            assertThat(rs.getInt(3)).isEqualTo(1_516);
        }
    }

    @Test
    void refusesAFileWithoutADataset() {
        assertThat(run("--file", "/tmp/whatever.csv")).isEqualTo(CommandLine.ExitCode.USAGE);
    }
}
