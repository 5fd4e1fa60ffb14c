package fr.maillage.fleet;

/**
 * The state shown to coordinators, of a site or of one of its devices: ONLINE, DEGRADED (a probe is not OK),
 * OFFLINE (Will, missed heartbeats, or a device DOWN), UNKNOWN (nothing heard yet). See {@code fleet/README.md}.
 */
public enum SiteState {
    ONLINE,
    DEGRADED,
    OFFLINE,
    UNKNOWN
}
