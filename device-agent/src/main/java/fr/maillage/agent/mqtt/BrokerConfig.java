package fr.maillage.agent.mqtt;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;

/**
 * How the agent reaches its broker.
 *
 * @param uris broker URIs ({@code tcp://}, {@code ssl://}); tried in turn, so a second broker is a failover
 * @param username user name, or null for anonymous access
 * @param password password, or null
 * @param caCertificate PEM file of the CA that signed the broker's certificate (for {@code ssl://}); null to
 *     trust the JVM's default authorities
 * @param clientIdentity certificate and key shown to a broker that requires client certificates (mutual TLS),
 *     or null
 * @param keepAlive MQTT keep-alive: how soon the broker notices a vanished agent and publishes its Will
 * @param sessionExpiry how long the broker keeps the agent's session (its {@code cmd} subscription and queued
 *     commands) while disconnected
 * @param connectTimeout how long one connection attempt may take
 * @param reconnect delays between attempts
 * @param maxInFlight QoS 1 messages published and not yet acknowledged; kept at or below the broker's receive
 *     maximum (Mosquitto's default is 20)
 */
public record BrokerConfig(
        List<String> uris,
        String username,
        String password,
        Path caCertificate,
        ClientIdentity clientIdentity,
        Duration keepAlive,
        Duration sessionExpiry,
        Duration connectTimeout,
        Backoff reconnect,
        int maxInFlight) {

    private static final Set<String> SCHEMES = Set.of("tcp", "ssl", "ws", "wss");

    public BrokerConfig {
        if (uris == null || uris.isEmpty()) {
            throw new IllegalArgumentException("at least one broker URI is required");
        }
        uris = List.copyOf(uris);
        for (String uri : uris) {
            URI parsed = URI.create(uri);
            if (parsed.getScheme() == null || !SCHEMES.contains(parsed.getScheme()) || parsed.getHost() == null) {
                throw new IllegalArgumentException(
                        "broker URI must look like tcp://host:1883 or ssl://host:8883, was " + uri);
            }
        }
        requirePositive(keepAlive, "keep-alive");
        requirePositive(sessionExpiry, "session expiry");
        requirePositive(connectTimeout, "connect timeout");
        if (reconnect == null) {
            throw new IllegalArgumentException("reconnection backoff is required");
        }
        if (maxInFlight < 1 || maxInFlight > 65535) {
            throw new IllegalArgumentException("max in-flight must be between 1 and 65535, was " + maxInFlight);
        }
    }

    /** Defaults for one broker without credentials. */
    public static BrokerConfig of(String uri) {
        return new BrokerConfig(
                List.of(uri),
                null,
                null,
                null,
                null,
                Duration.ofSeconds(30),
                Duration.ofDays(7),
                Duration.ofSeconds(10),
                new Backoff(Duration.ofSeconds(1), Duration.ofMinutes(2)),
                16);
    }

    private static void requirePositive(Duration duration, String what) {
        if (duration == null || duration.isNegative() || duration.isZero() || duration.toSeconds() < 1) {
            throw new IllegalArgumentException(what + " must be at least one second, was " + duration);
        }
    }

    @Override
    public String toString() {
        return "BrokerConfig[uris=" + uris + ", username=" + username + ", password=" + (password == null ? null : "***")
                + ", caCertificate=" + caCertificate + ", clientIdentity=" + clientIdentity + ", keepAlive=" + keepAlive + ", sessionExpiry=" + sessionExpiry
                + ", connectTimeout=" + connectTimeout + ", reconnect=" + reconnect + ", maxInFlight=" + maxInFlight
                + "]";
    }
}
