package fr.maillage.agent.broker;

import fr.maillage.servers.EmbeddedBroker;
import java.nio.file.Path;

/** The fallback where Mosquitto is not installed: HiveMQ CE in this JVM, whose file persistence outlives a stop. */
final class EmbeddedRestartableBroker implements RestartableBroker {

    private final Path home;
    private final int port;
    private EmbeddedBroker broker;

    EmbeddedRestartableBroker(Path home, int port) {
        this.home = home;
        this.port = port;
        this.broker = EmbeddedBroker.start(home, port);
    }

    @Override
    public String uri() {
        return "tcp://127.0.0.1:" + port;
    }

    @Override
    public void stop() {
        broker.close();
        broker = null;
    }

    @Override
    public void restart() {
        broker = EmbeddedBroker.start(home, port);
    }

    @Override
    public String name() {
        return "embedded HiveMQ CE";
    }

    @Override
    public void close() {
        if (broker != null) {
            stop();
        }
    }
}
