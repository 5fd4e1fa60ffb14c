package fr.maillage.fleet;

/** What the backend knows of a site's MQTT connection. */
public enum SiteConnection {
    /** Seen only through a status or session so far: no birth or Will received. */
    UNKNOWN,
    ONLINE,
    OFFLINE
}
