package fr.maillage.servers;

import com.hivemq.embedded.EmbeddedHiveMQ;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * HiveMQ Community Edition running inside this process: a complete MQTT v5 broker (shared subscriptions,
 * Wills, retained messages, persistent sessions) listening on loopback only.
 */
public final class EmbeddedBroker implements AutoCloseable {

    private static final long START_TIMEOUT_SECONDS = 60;

    private final EmbeddedHiveMQ hivemq;
    private final int port;

    private EmbeddedBroker(EmbeddedHiveMQ hivemq, int port) {
        this.hivemq = hivemq;
        this.port = port;
    }

    /**
     * Starts a broker on {@code port} (0 for any free port) keeping its data under {@code home}.
     *
     * <p>Queues and in-flight windows are raised above the defaults so that a burst from many simulated
     * sites is queued for a slow subscriber rather than dropped.
     */
    public static EmbeddedBroker start(Path home, int port) {
        int chosen = port == 0 ? FreePort.find() : port;
        try {
            Path conf = Files.createDirectories(home.resolve("conf"));
            Path data = Files.createDirectories(home.resolve("data"));
            Path extensions = Files.createDirectories(home.resolve("extensions"));
            Files.writeString(conf.resolve("config.xml"), """
                    <?xml version="1.0"?>
                    <hivemq>
                      <listeners>
                        <tcp-listener>
                          <port>%d</port>
                          <bind-address>127.0.0.1</bind-address>
                        </tcp-listener>
                      </listeners>
                      <mqtt>
                        <queued-messages>
                          <max-queue-size>100000</max-queue-size>
                        </queued-messages>
                        <receive-maximum>
                          <server-receive-maximum>1000</server-receive-maximum>
                        </receive-maximum>
                      </mqtt>
                      <anonymous-usage-statistics>
                        <enabled>false</enabled>
                      </anonymous-usage-statistics>
                    </hivemq>
                    """.formatted(chosen));
            EmbeddedHiveMQ hivemq = EmbeddedHiveMQ.builder()
                    .withConfigurationFolder(conf)
                    .withDataFolder(data)
                    .withExtensionsFolder(extensions)
                    .build();
            hivemq.start().get(START_TIMEOUT_SECONDS, TimeUnit.SECONDS);
            return new EmbeddedBroker(hivemq, chosen);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare the embedded broker under " + home, e);
        } catch (Exception e) {
            throw new IllegalStateException("embedded broker did not start on port " + chosen, e);
        }
    }

    public String uri() {
        return "tcp://127.0.0.1:" + port;
    }

    @Override
    public void close() {
        try {
            hivemq.stop().get(START_TIMEOUT_SECONDS, TimeUnit.SECONDS);
            hivemq.close();
        } catch (Exception e) {
            throw new IllegalStateException("embedded broker did not stop", e);
        }
    }
}
