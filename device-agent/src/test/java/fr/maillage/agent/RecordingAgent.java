package fr.maillage.agent;

import fr.maillage.contract.SessionEvent;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.UUID;

/**
 * The agent as a separate process for the crash test: records events as fast as it can and prints
 * {@code ACK <eventId>} once {@link SiteAgent#record} has returned, i.e. once the event is promised durable.
 * Arguments: broker URI, site id, data directory.
 */
public final class RecordingAgent {

    private RecordingAgent() {}

    public static void main(String[] args) {
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        SiteAgent agent = SiteAgent.start(AgentConfig.forSite(args[1], Sites.BAR_LE_DUC, args[0], Path.of(args[2])));
        while (true) {
            SessionEvent event = agent.record(SessionEvent.Type.COMPLETED, UUID.randomUUID(), Sites.completed());
            out.println("ACK " + event.eventId());
        }
    }
}
