package fr.maillage.territory.importer;

import java.io.InputStream;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Parsers of the shipped CSV files (columns described in {@code fr/maillage/data/SOURCES.md}). Each keeps the
 * rows of the selected départements and counts the others, with the reason, as skipped.
 */
final class ReferenceCsv {

    static final String OTHER_DEPARTEMENT = "département not selected";
    static final String INVALID_CODE = "invalid INSEE code";
    static final String DUPLICATE = "duplicate key in the file";

    private ReferenceCsv() {}

    static Parsed<Rows.Epci> epci(InputStream in, DepartementFilter filter) {
        Parsed<Rows.Epci> parsed = new Parsed<>();
        Set<String> seen = new HashSet<>();
        CsvTable.read(in, List.of("epci_siren", "epci_nom", "epci_type", "population_municipale",
                "departements_membres"), row -> {
            parsed.read();
            String siren = row.get("epci_siren");
            List<String> departements = words(row.get("departements_membres"));
            if (!InseeCodes.isSiren(siren)) {
                parsed.skip("invalid SIREN");
            } else if (!filter.isAll() && departements.stream().noneMatch(filter.codes()::contains)) {
                parsed.skip(OTHER_DEPARTEMENT);
            } else if (!seen.add(siren)) {
                parsed.skip(DUPLICATE);
            } else {
                parsed.keep(new Rows.Epci(siren, row.get("epci_nom"), row.get("epci_type"),
                        integerOrNull(row.get("population_municipale")), departements));
            }
        });
        return parsed;
    }

    static Parsed<Rows.Commune> communes(InputStream in, DepartementFilter filter) {
        Parsed<Rows.Commune> parsed = new Parsed<>();
        Set<String> seen = new HashSet<>();
        CsvTable.read(in, List.of("code_insee", "nom", "departement", "region", "epci_siren",
                "population_municipale", "centroid_lat", "centroid_lon"), row -> {
            parsed.read();
            String code = InseeCodes.normalise(row.get("code_insee"));
            Integer population = integerOrNull(row.get("population_municipale"));
            if (!InseeCodes.isCommune(code)) {
                parsed.skip(INVALID_CODE);
            } else if (!filter.accepts(code)) {
                parsed.skip(OTHER_DEPARTEMENT);
            } else if (population == null) {
                parsed.skip("missing or invalid population");
            } else if (!seen.add(code)) {
                parsed.skip(DUPLICATE);
            } else {
                List<String> formerCodes = optionalWords(row, "anciens_codes").stream()
                        .filter(InseeCodes::isCommune)
                        .toList();
                parsed.keep(new Rows.Commune(code, row.get("nom"), row.get("departement"),
                        emptyToNull(row.get("region")), emptyToNull(row.get("epci_siren")), population,
                        optionalWords(row, "codes_postaux"),
                        doubleOrNull(row.get("centroid_lat")), doubleOrNull(row.get("centroid_lon")), formerCodes));
            }
        });
        return parsed;
    }

    static Parsed<Rows.FormerCode> formerCodes(InputStream in, DepartementFilter filter) {
        Parsed<Rows.FormerCode> parsed = new Parsed<>();
        Set<String> seen = new HashSet<>();
        CsvTable.read(in, List.of("code_insee", "nom", "type", "commune_chef_lieu"), row -> {
            parsed.read();
            String former = InseeCodes.normalise(row.get("code_insee"));
            String current = InseeCodes.normalise(row.get("commune_chef_lieu"));
            if (!InseeCodes.isCommune(former) || !InseeCodes.isCommune(current)) {
                parsed.skip(INVALID_CODE);
            } else if (!filter.accepts(former) && !filter.accepts(current)) {
                parsed.skip(OTHER_DEPARTEMENT);
            } else if (!seen.add(former)) {
                parsed.skip(DUPLICATE);
            } else {
                parsed.keep(new Rows.FormerCode(former, row.get("nom"), row.get("type"), current));
            }
        });
        return parsed;
    }

    /** The CSV extract of the APL workbook ({@code annee, code_insee, apl_mg, …}). */
    static Parsed<Rows.Apl> apl(InputStream in, DepartementFilter filter) {
        Parsed<Rows.Apl> parsed = new Parsed<>();
        Set<String> seen = new HashSet<>();
        CsvTable.read(in, List.of("annee", "code_insee", "apl_mg", "apl_mg_moins_65_ans",
                "population_standardisee", "population_totale"), row -> {
            parsed.read();
            String code = InseeCodes.normalise(row.get("code_insee"));
            Integer year = integerOrNull(row.get("annee"));
            Double apl = doubleOrNull(row.get("apl_mg"));
            if (!InseeCodes.isCommune(code)) {
                parsed.skip(INVALID_CODE);
            } else if (!filter.accepts(code)) {
                parsed.skip(OTHER_DEPARTEMENT);
            } else if (year == null || apl == null) {
                parsed.skip("missing year or APL value");
            } else if (!seen.add(code + "/" + year)) {
                parsed.skip(DUPLICATE);
            } else {
                parsed.keep(new Rows.Apl(code, year, apl, doubleOrNull(row.get("apl_mg_moins_65_ans")),
                        doubleOrNull(row.get("population_standardisee")),
                        integerOrNull(row.get("population_totale"))));
            }
        });
        return parsed;
    }

    private static List<String> words(String cell) {
        return cell.isBlank() ? List.of() : Arrays.asList(cell.trim().split("\\s+"));
    }

    private static List<String> optionalWords(CsvTable.Row row, String column) {
        return row.columns().containsKey(column) ? words(row.get(column)) : List.of();
    }

    private static String emptyToNull(String cell) {
        return cell.isEmpty() ? null : cell;
    }

    static Integer integerOrNull(String cell) {
        try {
            return cell.isEmpty() ? null : Integer.valueOf(cell);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    static Double doubleOrNull(String cell) {
        try {
            return cell.isEmpty() ? null : Double.valueOf(cell.replace(',', '.'));
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
