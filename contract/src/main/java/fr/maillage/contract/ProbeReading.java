package fr.maillage.contract;

import java.util.Map;

/**
 * One probe's finding in a status snapshot.
 *
 * @param deviceId stable id of what was probed at this site (e.g. {@code usb-0c45:6340}, {@code link})
 * @param kind what it is
 * @param health what the probe found
 * @param detail a human-readable explanation, in particular of anything not OK
 * @param measurements numeric readings with their unit in the key (e.g. {@code latencyMs}, {@code freeBytes})
 */
public record ProbeReading(
        String deviceId, DeviceKind kind, Health health, String detail, Map<String, Double> measurements) {

    public ProbeReading {
        measurements = measurements == null ? Map.of() : Map.copyOf(measurements);
    }
}
