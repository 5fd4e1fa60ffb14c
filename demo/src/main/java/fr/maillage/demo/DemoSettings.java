package fr.maillage.demo;

import java.nio.file.Path;
import java.util.Map;

/**
 * What the demo may be told through the environment.
 *
 * @param home where embedded servers and simulated sites keep their data ({@code MAILLAGE_DEMO_HOME})
 * @param sites how many simulated sites ({@code MAILLAGE_DEMO_SITES})
 * @param speed how much faster than real time the sites live ({@code MAILLAGE_DEMO_SPEED})
 * @param seed the simulation's random seed, so two runs tell the same story ({@code MAILLAGE_DEMO_SEED})
 * @param httpPort the backend's HTTP port ({@code MAILLAGE_HTTP_PORT})
 */
record DemoSettings(Path home, int sites, double speed, long seed, int httpPort) {

    static DemoSettings from(Map<String, String> environment) {
        return new DemoSettings(
                Path.of(environment.getOrDefault("MAILLAGE_DEMO_HOME", "var/demo")),
                Integer.parseInt(environment.getOrDefault("MAILLAGE_DEMO_SITES", "12")),
                Double.parseDouble(environment.getOrDefault("MAILLAGE_DEMO_SPEED", "10")),
                Long.parseLong(environment.getOrDefault("MAILLAGE_DEMO_SEED", "55")),
                Integer.parseInt(environment.getOrDefault("MAILLAGE_HTTP_PORT", "8080")));
    }
}
