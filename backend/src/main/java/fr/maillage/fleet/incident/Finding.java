package fr.maillage.fleet.incident;

/**
 * A rule that fires for a site now.
 *
 * @param deviceId the device concerned; {@code ""} for the site itself
 * @param detail what a coordinator reads first
 */
public record Finding(Rule rule, String deviceId, String detail) {}
