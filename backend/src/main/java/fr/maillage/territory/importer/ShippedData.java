package fr.maillage.territory.importer;

import java.util.EnumMap;
import java.util.Map;

/**
 * The reference data shipped in the {@code maillage-reference-data} jar for départements 52, 54 and 55. APL comes
 * from the CSV extract of the DREES workbook: it holds the same values for our communes (a test imports both and
 * finds no difference) and loads in milliseconds where reading the national workbook takes seconds at every
 * start of an empty database. The workbook itself ships too ({@link #APL_WORKBOOK}) for imports of other areas.
 * No RPPS extraction ships: care supply is imported from a downloaded file.
 */
public final class ShippedData {

    private static final String ROOT = "fr/maillage/data/";

    /** DREES's APL workbook as published, all of France, 2022 and 2023. */
    public static final String APL_WORKBOOK = ROOT + "drees_apl_medecins_generalistes_2022_2023.xlsx";

    private ShippedData() {}

    public static Map<Dataset, ImportSource> sources() {
        Map<Dataset, ImportSource> sources = new EnumMap<>(Dataset.class);
        sources.put(Dataset.EPCI, ImportSource.classpath(ROOT + "epci_52_54_55.csv"));
        sources.put(Dataset.COMMUNES, ImportSource.classpath(ROOT + "communes_52_54_55.csv"));
        sources.put(Dataset.FORMER_CODES, ImportSource.classpath(ROOT + "communes_deleguees_associees_52_54_55.csv"));
        sources.put(Dataset.POLYGONS, ImportSource.classpath(ROOT + "communes_52_54_55.geojson"));
        sources.put(Dataset.APL, ImportSource.classpath(ROOT + "apl_medecins_generalistes_2022_2023_52_54_55.csv"));
        return sources;
    }
}
