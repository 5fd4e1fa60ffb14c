package fr.maillage.support;

import fr.maillage.contract.ConnectionState;
import fr.maillage.contract.DeviceKind;
import fr.maillage.contract.Health;
import fr.maillage.contract.ProbeReading;
import fr.maillage.contract.SiteDescriptor;
import fr.maillage.contract.StateMessage;
import fr.maillage.contract.StatusMessage;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** What a site's agent says of itself, as the fleet tests send it: stamped now, each with a new message id. */
public final class SiteMessages {

    private SiteMessages() {}

    /** The retained birth of a connection: the site is ONLINE and describes itself. */
    public static StateMessage birth(String site, long connSeq, SiteDescriptor descriptor) {
        return new StateMessage(1, UUID.randomUUID(), site, Instant.now(), connSeq, 0, ConnectionState.ONLINE,
                descriptor, "test");
    }

    /** The Will the broker publishes when the connection is lost. */
    public static StateMessage will(String site, long connSeq) {
        return new StateMessage(1, UUID.randomUUID(), site, Instant.now(), connSeq, 0, ConnectionState.OFFLINE,
                null, null);
    }

    /** A status snapshot of connection 1. */
    public static StatusMessage status(String site, long seq, Instant agentTime, int heartbeatSeconds,
            List<ProbeReading> readings) {
        return new StatusMessage(1, UUID.randomUUID(), site, agentTime, 1, seq, heartbeatSeconds, readings);
    }

    /** A status snapshot whose only probe is the camera's. */
    public static StatusMessage camera(String site, long seq, Instant agentTime, int heartbeatSeconds, Health camera) {
        return status(site, seq, agentTime, heartbeatSeconds,
                List.of(new ProbeReading("camera", DeviceKind.CAMERA, camera, null, null)));
    }
}
