package fr.maillage.servers;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class PostgresServerTest {

    @Test
    void urlOfAnotherDatabaseKeepsHostPortAndParameters() {
        var server = new PostgresServer("jdbc:postgresql://127.0.0.1:5432/test?sslmode=disable", "postgres", "",
                Origin.CONFIGURED);

        assertThat(server.urlOf("maillage")).isEqualTo("jdbc:postgresql://127.0.0.1:5432/maillage?sslmode=disable");
    }

    @Test
    void settingsComeFromTheMaillageVariablesAndIgnoreBlanks() {
        var settings = ServerSettings.from(Map.of(
                ServerSettings.DB_URL, "jdbc:postgresql://127.0.0.1:5432/test",
                ServerSettings.MQTT_URI, "  "));

        assertThat(settings.databaseUrl()).contains("jdbc:postgresql://127.0.0.1:5432/test");
        assertThat(settings.databaseUser()).isEqualTo("postgres");
        assertThat(settings.mqttUri()).isEmpty();
    }
}
