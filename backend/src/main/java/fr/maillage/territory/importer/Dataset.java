package fr.maillage.territory.importer;

/** The reference datasets, in the order a full import must load them (polygons attach to communes). */
public enum Dataset {
    /** EPCI à fiscalité propre (DGCL file, as shipped in {@code epci_*.csv}). */
    EPCI,
    /** Current communes with population and centroid ({@code communes_*.csv}). */
    COMMUNES,
    /** Communes déléguées / associées mapped to their chef-lieu. */
    FORMER_CODES,
    /** Commune polygons, a GeoJSON FeatureCollection with a {@code code_insee} property. */
    POLYGONS,
    /** DREES APL to GPs: the published {@code .xlsx} workbook or its CSV extract. */
    APL,
    /** RPPS / Annuaire Santé {@code PS_LibreAcces_Personne_activite} extraction. */
    CARE_SUPPLY,
    /** INSEE population by age band per commune ({@code base-cc-evol-struct-pop-YYYY.CSV}, {@code ;}-separated). */
    AGE_STRUCTURE
}
