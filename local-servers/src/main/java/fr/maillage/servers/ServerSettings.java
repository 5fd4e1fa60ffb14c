package fr.maillage.servers;

import java.util.Map;
import java.util.Optional;

/**
 * Servers named from outside: when present they are used as they are and nothing is started.
 *
 * @param databaseUrl JDBC URL of a PostgreSQL database the process may create databases from
 * @param databaseUser its user
 * @param databasePassword its password (may be empty with trust authentication)
 * @param mqttUri URI of an MQTT v5 broker, such as {@code tcp://127.0.0.1:1883}
 */
public record ServerSettings(
        Optional<String> databaseUrl, String databaseUser, String databasePassword, Optional<String> mqttUri) {

    public static final String DB_URL = "MAILLAGE_DB_URL";
    public static final String DB_USER = "MAILLAGE_DB_USER";
    public static final String DB_PASSWORD = "MAILLAGE_DB_PASSWORD";
    public static final String MQTT_URI = "MAILLAGE_MQTT_URI";

    /** Reads the {@code MAILLAGE_*} variables from an environment map (the process's, in practice). */
    public static ServerSettings from(Map<String, String> environment) {
        return new ServerSettings(
                nonBlank(environment.get(DB_URL)),
                nonBlank(environment.get(DB_USER)).orElse("postgres"),
                Optional.ofNullable(environment.get(DB_PASSWORD)).orElse(""),
                nonBlank(environment.get(MQTT_URI)));
    }

    private static Optional<String> nonBlank(String value) {
        return Optional.ofNullable(value).map(String::trim).filter(v -> !v.isEmpty());
    }
}
