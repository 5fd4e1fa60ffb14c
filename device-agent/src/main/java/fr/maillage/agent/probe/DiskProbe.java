package fr.maillage.agent.probe;

import fr.maillage.contract.DeviceKind;
import fr.maillage.contract.Health;
import fr.maillage.contract.ProbeReading;
import java.io.IOException;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/** Free space on the volume that holds the outbox: when it fills up, session events can no longer be kept. */
public final class DiskProbe implements Probe {

    private final Path directory;
    private final DiskProbeConfig config;

    public DiskProbe(Path directory, DiskProbeConfig config) {
        this.directory = directory;
        this.config = config;
    }

    @Override
    public ProbeReading read() {
        try {
            FileStore store = Files.getFileStore(directory);
            long free = store.getUsableSpace();
            long total = store.getTotalSpace();
            Map<String, Double> measurements = Map.of("freeBytes", (double) free, "totalBytes", (double) total);
            Health health = free < config.downBelowBytes()
                    ? Health.DOWN
                    : free < config.degradedBelowBytes() ? Health.DEGRADED : Health.OK;
            String detail = (free / (1024 * 1024)) + " MiB free of " + (total / (1024 * 1024)) + " MiB";
            return new ProbeReading("disk", DeviceKind.DISK, health, detail, measurements);
        } catch (IOException e) {
            return new ProbeReading("disk", DeviceKind.DISK, Health.DOWN,
                    "cannot read the volume of " + directory + ": " + e.getMessage(), Map.of());
        }
    }
}
