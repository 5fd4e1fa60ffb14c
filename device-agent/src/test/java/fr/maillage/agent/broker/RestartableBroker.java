package fr.maillage.agent.broker;

import fr.maillage.servers.FreePort;
import java.nio.file.Path;
import java.util.List;

/**
 * A broker a test may stop and start again on the same port and the same persistence, as an outage would:
 * persistent sessions and the messages queued for them survive the restart.
 */
public interface RestartableBroker extends AutoCloseable {

    /** A real Mosquitto process where it is installed (CI), else an embedded HiveMQ, on a free port. */
    static RestartableBroker start(Path home) {
        int port = FreePort.find();
        return MosquittoBroker.installed()
                ? MosquittoBroker.start(home, port, List.of())
                : new EmbeddedRestartableBroker(home, port);
    }

    String uri();

    /** Stops the broker the way an operator or a crash of the host would: clients see their connection drop. */
    void stop();

    /** Starts it again on the same port, from what it persisted. */
    void restart();

    /** Which broker this is, for the test report. */
    String name();

    @Override
    void close();
}
