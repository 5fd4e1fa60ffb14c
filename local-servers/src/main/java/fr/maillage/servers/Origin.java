package fr.maillage.servers;

/** Where a server came from, for the log line that says what a run used. */
public enum Origin {
    CONFIGURED,
    CONTAINER,
    EMBEDDED
}
