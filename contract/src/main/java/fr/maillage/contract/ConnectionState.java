package fr.maillage.contract;

/** What the agent says of its own connection on the state topic. */
public enum ConnectionState {
    ONLINE,
    OFFLINE
}
