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

    /**
     * Inhabitants of a commune by age band in one census year (INSEE's weighted counts, with decimals).
     *
     * @param aged65To79 with {@code aged80Plus}, the population aged 65 and over
     */
    record AgeStructure(
            String inseeCode,
            int year,
            double population,
            double aged0To14,
            double aged15To29,
            double aged30To44,
            double aged45To59,
            double aged60To74,
            double aged75To89,
            double aged90Plus,
            double aged65To79,
            double aged80Plus) {}

    record CareSupply(String inseeCode, Profession profession, int practitioners, int liberalPractitioners) {}

    /** @param geometry the GeoJSON geometry object, as JSON text */
    record Geometry(String inseeCode, String geometry) {}
}
