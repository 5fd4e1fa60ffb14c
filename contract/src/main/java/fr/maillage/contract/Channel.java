package fr.maillage.contract;

import java.util.Arrays;
import java.util.Optional;

/** The last level of a site topic: what kind of message travels on it and in which direction. */
public enum Channel {
    /** Retained birth ({@code ONLINE}) and the MQTT Will ({@code OFFLINE}); agent to backend. */
    STATE("state", true),
    /** Probe snapshots, on change and as heartbeat; agent to backend. */
    STATUS("status", false),
    /** Consultation session events; agent to backend. */
    SESSION("session", false),
    /** Commands; backend to agent. */
    CMD("cmd", false);

    private final String segment;
    private final boolean retained;

    Channel(String segment, boolean retained) {
        this.segment = segment;
        this.retained = retained;
    }

    public String segment() {
        return segment;
    }

    /** Whether messages on this channel are published with the MQTT retain flag. */
    public boolean retained() {
        return retained;
    }

    public static Optional<Channel> fromSegment(String segment) {
        return Arrays.stream(values()).filter(c -> c.segment.equals(segment)).findFirst();
    }
}
