package fr.maillage.agent.probe;

import fr.maillage.contract.DeviceKind;
import fr.maillage.contract.Health;
import fr.maillage.contract.ProbeReading;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/** Counts the video device nodes and checks the agent (hence the cabin software's user) can open them. */
final class VideoProbe implements Probe {

    private final VideoProbeConfig config;

    VideoProbe(VideoProbeConfig config) {
        this.config = config;
    }

    @Override
    public ProbeReading read() {
        List<Path> nodes;
        try (Stream<Path> entries = Files.list(config.devDirectory())) {
            nodes = entries.filter(p -> p.getFileName().toString().matches("video[0-9]+")).sorted().toList();
        } catch (IOException e) {
            return reading(Health.DOWN, "cannot list " + config.devDirectory() + ": " + e.getMessage(), 0, 0);
        }
        long readable = nodes.stream().filter(Files::isReadable).count();
        if (nodes.isEmpty()) {
            return reading(Health.DOWN, "no video device", 0, 0);
        }
        if (readable < nodes.size()) {
            return reading(Health.DEGRADED, (nodes.size() - readable) + " video device(s) not readable (permissions)",
                    nodes.size(), readable);
        }
        if (nodes.size() < config.expected()) {
            return reading(Health.DEGRADED, nodes.size() + " video device(s), " + config.expected() + " expected",
                    nodes.size(), readable);
        }
        return reading(Health.OK, nodes.size() + " video device(s): " + nodes.stream()
                .map(p -> p.getFileName().toString()).toList(), nodes.size(), readable);
    }

    private static ProbeReading reading(Health health, String detail, long count, long readable) {
        return new ProbeReading("video", DeviceKind.CAMERA, health, detail,
                Map.of("devices", (double) count, "readable", (double) readable));
    }
}
