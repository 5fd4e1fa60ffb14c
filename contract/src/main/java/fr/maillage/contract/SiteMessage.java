package fr.maillage.contract;

/** A message published by a site's agent, which names its site and its place in the connection's sequence. */
public sealed interface SiteMessage extends WireMessage permits StateMessage, StatusMessage, SessionEvent {

    String siteId();

    /** Increases by one at every connection of the agent; tells a stale Will from a fresh birth. */
    long connSeq();

    /** Increases with every event the agent creates, across connections; orders events of one site. */
    long seq();
}
