package fr.maillage.territory.importer;

import java.util.List;

/** The rows the parsers produce and the store writes, one record per table. */
final class Rows {

    private Rows() {}

    record Epci(String siren, String name, String kind, Integer populationMunicipale, List<String> departements) {}

    /**
     * @param postcodes the postcodes serving the commune
     * @param formerCodes codes of communes merged into this one (fusions simples and déléguées alike) */
    record Commune(
            String inseeCode,
            String name,
            String departement,
            String region,
            String epciSiren,
            int population,
            List<String> postcodes,
            Double centroidLat,
            Double centroidLon,
            List<String> formerCodes) {}

    record FormerCode(String formerCode, String name, String kind, String inseeCode) {}

    record Apl(
            String inseeCode,
            int year,
            double apl,
            Double aplUnder65,
            Double standardisedPopulation,
            Integer totalPopulation) {}

    record CareSupply(String inseeCode, Profession profession, int practitioners, int liberalPractitioners) {}

    /** @param geometry the GeoJSON geometry object, as JSON text */
    record Geometry(String inseeCode, String geometry) {}
}
