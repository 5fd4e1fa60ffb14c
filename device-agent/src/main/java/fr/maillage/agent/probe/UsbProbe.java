package fr.maillage.agent.probe;

import fr.maillage.contract.Health;
import fr.maillage.contract.ProbeReading;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Looks for a USB peripheral in sysfs. Each device directory holds {@code idVendor} and {@code idProduct};
 * a device the kernel enumerated but did not configure (no {@code bConfigurationValue}) is there but
 * unusable, typically a driver or power problem.
 */
final class UsbProbe implements Probe {

    private final UsbProbeConfig config;
    private final String deviceId;

    UsbProbe(UsbProbeConfig config) {
        this.config = config;
        this.deviceId = "usb-" + config.vendorProduct();
    }

    @Override
    public ProbeReading read() {
        Optional<Path> device;
        try {
            device = find();
        } catch (IOException e) {
            return reading(Health.DOWN, "cannot read " + config.sysfsDevices() + ": " + e.getMessage(), Map.of());
        }
        if (device.isEmpty()) {
            return reading(Health.DOWN, config.name() + " not connected", Map.of());
        }
        Path dir = device.get();
        Map<String, Double> measurements = new HashMap<>();
        read(dir.resolve("speed")).flatMap(UsbProbe::number).ifPresent(speed -> measurements.put("speedMbps", speed));
        String product = read(dir.resolve("product")).orElse(config.name());
        if (read(dir.resolve("bConfigurationValue")).isEmpty()) {
            return reading(Health.DEGRADED, product + " detected but not configured (driver or power)", measurements);
        }
        return reading(Health.OK, product + " on " + dir.getFileName(), measurements);
    }

    private Optional<Path> find() throws IOException {
        String[] ids = config.vendorProduct().split(":");
        try (Stream<Path> devices = Files.list(config.sysfsDevices())) {
            List<Path> all = devices.sorted().toList();
            for (Path dir : all) {
                if (read(dir.resolve("idVendor")).filter(ids[0]::equalsIgnoreCase).isPresent()
                        && read(dir.resolve("idProduct")).filter(ids[1]::equalsIgnoreCase).isPresent()) {
                    return Optional.of(dir);
                }
            }
        }
        return Optional.empty();
    }

    private ProbeReading reading(Health health, String detail, Map<String, Double> measurements) {
        return new ProbeReading(deviceId, config.kind(), health, detail, measurements);
    }

    /** A sysfs attribute's trimmed content; empty when absent, unreadable or blank. */
    private static Optional<String> read(Path attribute) {
        try {
            String value = Files.readString(attribute).trim();
            return value.isEmpty() ? Optional.empty() : Optional.of(value);
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static Optional<Double> number(String text) {
        try {
            return Optional.of(Double.parseDouble(text));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}
