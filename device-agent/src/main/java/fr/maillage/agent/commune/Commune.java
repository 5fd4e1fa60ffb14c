package fr.maillage.agent.commune;

/**
 * A commune of the shipped reference data.
 *
 * @param inseeCode INSEE COG code (five characters, leading zeros kept)
 * @param name its name
 * @param departement département code
 * @param population population municipale (INSEE 2023)
 * @param latitude centroid latitude
 * @param longitude centroid longitude
 */
public record Commune(
        String inseeCode, String name, String departement, int population, double latitude, double longitude) {

    private static final double EARTH_RADIUS_KM = 6371;

    /** Great-circle distance between centroids, in kilometres. */
    public double distanceKm(Commune other) {
        double dLat = Math.toRadians(other.latitude - latitude);
        double dLon = Math.toRadians(other.longitude - longitude);
        double a = Math.pow(Math.sin(dLat / 2), 2)
                + Math.cos(Math.toRadians(latitude)) * Math.cos(Math.toRadians(other.latitude))
                        * Math.pow(Math.sin(dLon / 2), 2);
        return 2 * EARTH_RADIUS_KM * Math.asin(Math.sqrt(a));
    }

    /** How the form and the CLI show it: the name with its code, unambiguous even for homonyms. */
    public String label() {
        return name + " (" + inseeCode + ")";
    }
}
