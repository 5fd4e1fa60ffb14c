package fr.maillage.territory.importer;

import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads INSEE's « Évolution et structure de la population » per commune ({@code base-cc-evol-struct-pop-2021.CSV},
 * insee.fr/fr/statistiques/8201904): {@code ;}-separated, keyed by {@code CODGEO}, one column per variable
 * prefixed with the census year ({@code P21_POP}, {@code P21_POP6074}, …). The year is taken from that prefix, so
 * later millésimes ({@code P22_}) read the same; when a file holds several years the latest is read.
 */
final class AgeStructureReader {

    static final String MISSING_VALUE = "missing or non-numeric population";
    private static final Pattern POPULATION = Pattern.compile("P(\\d{2})_POP");
    /** Broad bands, then the two that add up to 65 and over; in {@link Rows.AgeStructure}'s order. */
    private static final List<String> BANDS =
            List.of("POP0014", "POP1529", "POP3044", "POP4559", "POP6074", "POP7589", "POP90P", "POP6579", "POP80P");

    private AgeStructureReader() {}

    static Parsed<Rows.AgeStructure> read(InputStream in, DepartementFilter filter) {
        Parsed<Rows.AgeStructure> parsed = new Parsed<>();
        Set<String> seen = new HashSet<>();
        String[] prefix = new String[1];
        int[] year = new int[1];
        CsvTable.read(in, ';', header -> {
            year[0] = latestYear(header);
            prefix[0] = "P%02d_".formatted(year[0] % 100);
            List<String> required = new ArrayList<>(List.of("CODGEO", prefix[0] + "POP"));
            BANDS.forEach(band -> required.add(prefix[0] + band));
            return required;
        }, row -> {
            parsed.read();
            String code = InseeCodes.normalise(row.get("CODGEO"));
            Double population = ReferenceCsv.doubleOrNull(row.get(prefix[0] + "POP"));
            double[] bands = new double[BANDS.size()];
            boolean complete = population != null;
            for (int i = 0; i < bands.length && complete; i++) {
                Double value = ReferenceCsv.doubleOrNull(row.get(prefix[0] + BANDS.get(i)));
                complete = value != null;
                bands[i] = complete ? value : 0;
            }
            if (!InseeCodes.isCommune(code)) {
                parsed.skip(ReferenceCsv.INVALID_CODE);
            } else if (!filter.accepts(code)) {
                parsed.skip(ReferenceCsv.OTHER_DEPARTEMENT);
            } else if (!complete) {
                parsed.skip(MISSING_VALUE);
            } else if (!seen.add(code)) {
                parsed.skip(ReferenceCsv.DUPLICATE);
            } else {
                parsed.keep(new Rows.AgeStructure(code, year[0], population, bands[0], bands[1], bands[2], bands[3],
                        bands[4], bands[5], bands[6], bands[7], bands[8]));
            }
        });
        return parsed;
    }

    /** The census year of the file: the latest {@code Pyy_POP} column (yy ≥ 70 is read as 19yy). */
    private static int latestYear(Set<String> header) {
        int latest = -1;
        for (String column : header) {
            Matcher m = POPULATION.matcher(column);
            if (m.matches()) {
                int yy = Integer.parseInt(m.group(1));
                latest = Math.max(latest, yy >= 70 ? 1900 + yy : 2000 + yy);
            }
        }
        if (latest < 0) {
            throw new IllegalArgumentException("not an INSEE age-structure file: no column such as P21_POP in the"
                    + " header (expected CODGEO;P21_POP;P21_POP0014;…, separated by ';')");
        }
        return latest;
    }
}
