package fr.maillage.demo;

import fr.maillage.Application;
import fr.maillage.agent.simulator.FleetSimulator;
import fr.maillage.agent.simulator.SimulationSettings;
import fr.maillage.security.DemoAccounts;
import fr.maillage.servers.LocalServers;
import fr.maillage.servers.ServerSettings;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.Micronaut;
import io.micronaut.runtime.server.EmbeddedServer;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;

/**
 * Runs Maillage on one machine with nothing installed but a JDK: real servers (embedded unless named by
 * {@code MAILLAGE_DB_URL} / {@code MAILLAGE_MQTT_URI}), the backend, and simulated sites publishing through the
 * real agent code. Data stays under {@code var/demo} between runs.
 */
public final class Demo {

    private Demo() {}

    /**
     * Simulated time starts at the last 8:30 in France, so that sites are open and sessions come at once even when
     * the demo starts in the evening; at the default speed it catches up with real time within about an hour.
     */
    private static Instant lastMorning() {
        ZonedDateTime now = ZonedDateTime.now(ZoneId.of("Europe/Paris"));
        ZonedDateTime morning = now.truncatedTo(ChronoUnit.DAYS).withHour(8).withMinute(30);
        return (morning.isAfter(now) ? morning.minusDays(1) : morning).toInstant();
    }

    private static String randomSecret() {
        byte[] bytes = new byte[48];
        new SecureRandom().nextBytes(bytes);
        return Base64.getEncoder().encodeToString(bytes);
    }

    public static void main(String[] args) {
        DemoSettings settings = DemoSettings.from(System.getenv());
        ServerSettings servers = ServerSettings.from(System.getenv());
        LocalServers local = LocalServers.forDemo(servers, settings.home());
        String databaseUrl = servers.databaseUrl().orElseGet(() -> local.postgres().ensureDatabase("maillage"));

        Map<String, Object> properties = new HashMap<>();
        properties.put("datasources.default.url", databaseUrl);
        properties.put("datasources.default.username", local.postgres().user());
        properties.put("datasources.default.password", local.postgres().password());
        properties.put("maillage.ingest.broker-uri", local.mqttUri());
        properties.put("maillage.ingest.client-id", "maillage-demo-backend");
        properties.put("micronaut.server.port", settings.httpPort());
        // A fresh signing key per run: tokens of an earlier run are worthless, and no key ships with the code.
        properties.put("maillage.jwt.secret", randomSecret());
        properties.put("maillage.security.demo-accounts", true);
        ApplicationContext backend = Micronaut.build(args)
                .mainClass(Application.class)
                .properties(properties)
                .start();

        FleetSimulator simulator = FleetSimulator.start(new SimulationSettings(
                local.mqttUri(), settings.sites(), settings.speed(), settings.seed(), settings.home().resolve("sites"),
                lastMorning()));
        backend.getBean(DemoAccounts.class).siteOperator(simulator.siteIds().getFirst());

        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            simulator.close();
            backend.close();
            local.close();
        }, "demo-stop"));

        String url = "http://localhost:" + backend.getBean(EmbeddedServer.class).getPort();
        System.out.printf("""

                Maillage is running with %d simulated sites (time x%s).
                  Telemedicine tab:  %s/   (sign in with a demo account printed above)
                  Sites:             %s/api/sites
                  Encounters (FHIR): %s/fhir/Encounter?_count=10
                  Metrics:           %s/prometheus
                  Data kept in:      %s
                Stop with Ctrl-C.
                %n""",
                settings.sites(), settings.speed(), url, url, url, url, settings.home().toAbsolutePath());
    }
}
