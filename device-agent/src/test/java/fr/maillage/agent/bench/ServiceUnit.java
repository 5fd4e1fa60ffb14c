package fr.maillage.agent.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The JVM options and environment of {@code deploy/agent/maillage-agent.service}, read from the unit itself so
 * that the benchmark measures exactly what production runs.
 *
 * @param jvmOptions the options of {@code ExecStart} between {@code java} and {@code -jar}
 * @param environment the unit's {@code Environment=} assignments
 */
record ServiceUnit(List<String> jvmOptions, Map<String, String> environment) {

    static final Path FILE = Path.of(System.getProperty("bench.unit", "../deploy/agent/maillage-agent.service"));

    static ServiceUnit read() throws IOException {
        String text = Files.readString(FILE).replace("\\\n", " ");
        List<String> options = null;
        Map<String, String> environment = new LinkedHashMap<>();
        for (String line : text.split("\n")) {
            if (line.startsWith("ExecStart=")) {
                List<String> words = Arrays.asList(line.substring("ExecStart=".length()).trim().split("\\s+"));
                options = new ArrayList<>(words.subList(1, words.indexOf("-jar")));
            } else if (line.startsWith("Environment=")) {
                String assignment = line.substring("Environment=".length()).trim();
                int eq = assignment.indexOf('=');
                environment.put(assignment.substring(0, eq), assignment.substring(eq + 1));
            }
        }
        if (options == null) {
            throw new IllegalStateException("no ExecStart line in " + FILE.toAbsolutePath());
        }
        return new ServiceUnit(List.copyOf(options), Map.copyOf(environment));
    }
}
