package fr.maillage.agent.simulator;

import fr.maillage.agent.probe.Probe;
import fr.maillage.contract.DeviceKind;
import fr.maillage.contract.Health;
import fr.maillage.contract.ProbeReading;
import java.util.Map;

/** A simulated peripheral whose health the simulator sets, read by the agent like any probe. */
final class VirtualPeripheral implements Probe {

    private final String deviceId;
    private final DeviceKind kind;
    private volatile Health health = Health.OK;
    private volatile String detail = "connected";

    VirtualPeripheral(String deviceId, DeviceKind kind) {
        this.deviceId = deviceId;
        this.kind = kind;
    }

    DeviceKind kind() {
        return kind;
    }

    void set(Health newHealth, String newDetail) {
        this.detail = newDetail;
        this.health = newHealth;
    }

    @Override
    public ProbeReading read() {
        return new ProbeReading(deviceId, kind, health, detail, Map.of());
    }

    @Override
    public String toString() {
        return deviceId;
    }
}
