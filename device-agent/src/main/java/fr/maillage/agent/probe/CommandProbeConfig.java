package fr.maillage.agent.probe;

import fr.maillage.contract.DeviceKind;
import java.time.Duration;
import java.util.List;

/**
 * A command whose exit code says how something is, as monitoring plugins do: 0 OK, 1 DEGRADED, anything else
 * (or no answer within the timeout) DOWN. Its first output line becomes the reading's detail.
 *
 * @param id device id in status snapshots
 * @param command the program and its arguments (no shell)
 * @param timeout beyond this the command is killed and the reading is DOWN
 * @param kind what it watches, {@link DeviceKind#OTHER} unless told
 */
public record CommandProbeConfig(String id, List<String> command, Duration timeout, DeviceKind kind)
        implements ProbeConfig {

    public CommandProbeConfig {
        if (id == null || !HttpHealthProbeConfig.DEVICE_ID.matcher(id).matches()) {
            throw new IllegalArgumentException(
                    "probe id must match " + HttpHealthProbeConfig.DEVICE_ID.pattern() + ", was " + id);
        }
        if (command == null || command.isEmpty() || command.getFirst().isBlank()) {
            throw new IllegalArgumentException("command probe " + id + " needs a command");
        }
        command = List.copyOf(command);
        timeout = timeout == null ? Duration.ofSeconds(5) : timeout;
        kind = kind == null ? DeviceKind.OTHER : kind;
    }

    @Override
    public Probe create() {
        return new CommandProbe(this);
    }
}
