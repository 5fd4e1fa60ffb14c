package fr.maillage.territory.coverage;

/**
 * Where a site is: its own coordinates, else the centroid of its commune.
 *
 * @param siteId the site
 * @param kind its kind
 * @param lat latitude
 * @param lon longitude
 */
public record SitePosition(String siteId, String kind, double lat, double lon) {}
