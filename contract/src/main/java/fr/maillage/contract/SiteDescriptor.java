package fr.maillage.contract;

/**
 * How an agent describes its site in its birth message, so that the backend can place it before any
 * administrator has.
 *
 * @param name display name
 * @param kind site kind
 * @param inseeCode INSEE code of the commune the site stands in
 * @param latitude WGS84 latitude
 * @param longitude WGS84 longitude
 */
public record SiteDescriptor(String name, SiteKind kind, String inseeCode, Double latitude, Double longitude) {}
