package fr.maillage.territory.importer;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * Aggregates the RPPS / Annuaire Santé extraction {@code PS_LibreAcces_Personne_activite_*.txt} into the number
 * of distinct practitioners per commune of practice and profession.
 *
 * <p>The file has one row per person and activity, so a practitioner with two practices counts once in each of
 * their communes and once only in a commune where they have several activities. A physician is a general
 * practitioner when any of their rows carries the savoir-faire SM54 « Médecine générale », SM53 « Spécialiste
 * en Médecine générale » or SM26 « Qualifié en Médecine générale »; other physicians are specialists. A
 * practitioner counts as libéral in a commune when one of their activities there has {@code Code mode exercice}
 * L. When the practice's INSEE code is empty, the postcode is used if it designates exactly one commune.
 */
final class RppsActivityReader {

    static final Set<String> GP_SAVOIR_FAIRE = Set.of("SM54", "SM53", "SM26");
    private static final String LIBERAL = "L";

    static final String ID = "Identifiant PP";
    static final String PROFESSION = "Code profession";
    static final String SAVOIR_FAIRE = "Code savoir-faire";
    static final String MODE = "Code mode exercice";
    static final String COMMUNE = "Code commune (coord. structure)";
    static final String POSTCODE = "Code postal (coord. structure)";

    private RppsActivityReader() {}

    private record Activity(String id, String professionCode, String commune, boolean liberal) {}

    /**
     * @param postcodes postcode → INSEE codes of the communes it serves, for rows without a commune code
     */
    static Parsed<Rows.CareSupply> read(InputStream in, DepartementFilter filter, Map<String, List<String>> postcodes) {
        Parsed<Rows.CareSupply> parsed = new Parsed<>();
        List<Activity> activities = new ArrayList<>();
        Set<String> generalPractitioners = new HashSet<>();
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String headerLine = reader.readLine();
            if (headerLine == null) {
                throw new IllegalArgumentException("empty file: no header row");
            }
            List<String> header = fields(headerLine.startsWith("\uFEFF") ? headerLine.substring(1) : headerLine);
            Map<String, Integer> index = new HashMap<>();
            for (int i = 0; i < header.size(); i++) {
                index.putIfAbsent(header.get(i).trim(), i);
            }
            List<String> missing = List.of(ID, PROFESSION, SAVOIR_FAIRE, MODE, COMMUNE, POSTCODE).stream()
                    .filter(c -> !index.containsKey(c))
                    .toList();
            if (!missing.isEmpty()) {
                throw new IllegalArgumentException("not a Personne_activite extraction: missing columns " + missing);
            }
            String line;
            while ((line = reader.readLine()) != null) {
                if (line.isBlank()) {
                    continue;
                }
                parsed.read();
                List<String> row = fields(line);
                if (row.size() < header.size()) {
                    parsed.skip("fewer fields than the header");
                    continue;
                }
                String id = row.get(index.get(ID)).trim();
                String professionCode = row.get(index.get(PROFESSION)).trim();
                if (id.isEmpty()) {
                    parsed.skip("no Identifiant PP");
                    continue;
                }
                if (!professionCode.equals(Profession.PHYSICIAN_CODE)
                        && Profession.ofNonPhysicianCode(professionCode).isEmpty()) {
                    parsed.skip("profession not counted (Code profession " + professionCode + ")");
                    continue;
                }
                if (professionCode.equals(Profession.PHYSICIAN_CODE)
                        && GP_SAVOIR_FAIRE.contains(row.get(index.get(SAVOIR_FAIRE)).trim())) {
                    generalPractitioners.add(id);
                }
                Optional<String> commune = communeOf(row.get(index.get(COMMUNE)), row.get(index.get(POSTCODE)),
                        postcodes);
                if (commune.isEmpty()) {
                    parsed.skip("no practice commune (INSEE code empty, postcode unknown or ambiguous)");
                } else if (!filter.accepts(commune.get())) {
                    parsed.skip(ReferenceCsv.OTHER_DEPARTEMENT);
                } else {
                    activities.add(new Activity(id, professionCode, commune.get(),
                            LIBERAL.equals(row.get(index.get(MODE)).trim())));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        aggregate(activities, generalPractitioners).forEach(parsed::keep);
        return parsed;
    }

    private static List<Rows.CareSupply> aggregate(List<Activity> activities, Set<String> generalPractitioners) {
        // commune|profession → practitioner id → libéral in that commune
        Map<String, Map<String, Boolean>> cells = new TreeMap<>();
        for (Activity activity : activities) {
            Profession profession = activity.professionCode().equals(Profession.PHYSICIAN_CODE)
                    ? (generalPractitioners.contains(activity.id())
                            ? Profession.GENERAL_PRACTITIONER
                            : Profession.SPECIALIST_PHYSICIAN)
                    : Profession.ofNonPhysicianCode(activity.professionCode()).orElseThrow();
            cells.computeIfAbsent(activity.commune() + "|" + profession.name(), k -> new HashMap<>())
                    .merge(activity.id(), activity.liberal(), Boolean::logicalOr);
        }
        List<Rows.CareSupply> rows = new ArrayList<>();
        cells.forEach((key, practitioners) -> {
            String[] parts = key.split("\\|");
            int liberal = (int) practitioners.values().stream().filter(Boolean::booleanValue).count();
            rows.add(new Rows.CareSupply(parts[0], Profession.valueOf(parts[1]), practitioners.size(), liberal));
        });
        return rows;
    }

    private static Optional<String> communeOf(String inseeCell, String postcodeCell, Map<String, List<String>> postcodes) {
        String code = InseeCodes.normalise(inseeCell);
        if (InseeCodes.isCommune(code)) {
            return Optional.of(code);
        }
        List<String> candidates = postcodes.getOrDefault(postcodeCell.trim(), List.of());
        return candidates.size() == 1 ? Optional.of(candidates.getFirst()) : Optional.empty();
    }

    /** The fields of a line, without the empty one after the trailing separator. */
    static List<String> fields(String line) {
        List<String> fields = new ArrayList<>(Arrays.asList(line.split("\\|", -1)));
        if (line.endsWith("|")) {
            fields.removeLast();
        }
        return fields;
    }
}
