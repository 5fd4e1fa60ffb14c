package fr.maillage.agent.mqtt;

import fr.maillage.contract.Command;

/**
 * What the rest of the agent hears from the broker link. Called on the link's and Paho's threads: hand the
 * work to another thread, never wait on an MQTT token here (Paho completes tokens on the same thread).
 */
public interface LinkListener {

    /** A connection is up and its birth is published. */
    void connected(long connSeq);

    /** A valid command arrived on the site's {@code cmd} topic. */
    void command(Command command);
}
