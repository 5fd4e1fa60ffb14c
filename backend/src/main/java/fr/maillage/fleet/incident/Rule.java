package fr.maillage.fleet.incident;

/** The alert rules; each open incident names the one that fired. */
public enum Rule {
    /** The site has been OFFLINE (Will) for longer than offline-after, counted within opening hours. */
    SITE_OFFLINE,
    /** The site stopped sending heartbeats without a Will (half-open connection) for longer than offline-after. */
    NO_HEARTBEAT,
    /** A peripheral of a required kind is DOWN while the site is reachable. */
    PERIPHERAL_DOWN,
    /** The network link probe measures a latency above the threshold. */
    LINK_LATENCY,
    /** The agent's outbox holds more events than the threshold: sessions are not reaching the backend. */
    OUTBOX_BACKLOG,
    /** The site is up but no session started there for dormant-after: the "empty health centre" risk. */
    DORMANT_SITE
}
