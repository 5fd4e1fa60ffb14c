package fr.maillage.agent.bench;

import fr.maillage.agent.AgentConfig;
import fr.maillage.agent.SiteAgent;
import fr.maillage.agent.Sites;
import fr.maillage.contract.SessionEvent;
import java.nio.file.Path;
import java.util.UUID;

/**
 * The outbox throughput part of {@link AgentBenchmark}, in a JVM of its own started with the systemd unit's
 * options, so that the figure is the deployed agent's. Arguments: broker URI, data directory, events.
 */
public final class ThroughputRun {

    private ThroughputRun() {}

    public static void main(String[] args) throws InterruptedException {
        int events = Integer.parseInt(args[2]);
        String siteId = Sites.uniqueId("bench-throughput");
        try (SiteAgent agent = SiteAgent.start(AgentConfig.forSite(siteId, Sites.BAR_LE_DUC, args[0], Path.of(args[1])))) {
            while (!agent.isConnected()) {
                Thread.sleep(50);
            }
            for (int i = 0; i < 200; i++) {
                agent.record(SessionEvent.Type.COMPLETED, UUID.randomUUID(), Sites.completed());
            }
            while (agent.pendingEvents() > 0) {
                Thread.sleep(10);
            }
            long start = System.nanoTime();
            for (int i = 0; i < events; i++) {
                agent.record(SessionEvent.Type.COMPLETED, UUID.randomUUID(), Sites.completed());
            }
            double recorded = (System.nanoTime() - start) / 1e9;
            while (agent.pendingEvents() > 0) {
                Thread.sleep(5);
            }
            double acked = (System.nanoTime() - start) / 1e9;
            System.out.printf("THROUGHPUT %d events: record() (each commit fsync'd) %.0f events/s; recorded + "
                    + "published QoS 1 + PUBACK + removed %.0f events/s%n", events, events / recorded, events / acked);
        }
    }
}
