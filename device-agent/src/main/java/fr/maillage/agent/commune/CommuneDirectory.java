package fr.maillage.agent.commune;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The communes of départements 52, 54 and 55 from the reference-data module, with their former codes, so a
 * commune can be found by code or by name.
 */
public final class CommuneDirectory {

    /** Classpath location of the communes file (see reference-data's SOURCES.md for its columns). */
    public static final String RESOURCE = "fr/maillage/data/communes_52_54_55.csv";

    /** A label as {@link Commune#label()} prints it: the code in brackets at the end. */
    private static final Pattern LABEL = Pattern.compile(".*\\(([0-9][0-9AB][0-9]{3})\\)\\s*");

    private static volatile CommuneDirectory shipped;

    private final Map<String, Commune> byCode;
    private final Map<String, String> formerCodes;

    private CommuneDirectory(Map<String, Commune> byCode, Map<String, String> formerCodes) {
        this.byCode = byCode;
        this.formerCodes = formerCodes;
    }

    /** The directory of the shipped communes, read once. */
    public static CommuneDirectory shipped() {
        if (shipped == null) {
            synchronized (CommuneDirectory.class) {
                if (shipped == null) {
                    shipped = load();
                }
            }
        }
        return shipped;
    }

    private static CommuneDirectory load() {
        InputStream in = CommuneDirectory.class.getClassLoader().getResourceAsStream(RESOURCE);
        if (in == null) {
            throw new IllegalStateException(RESOURCE + " is not on the classpath (maillage-reference-data)");
        }
        Map<String, Commune> byCode = new LinkedHashMap<>();
        Map<String, String> former = new LinkedHashMap<>();
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            List<String> header = List.of(reader.readLine().split(",", -1));
            int code = header.indexOf("code_insee");
            int name = header.indexOf("nom");
            int departement = header.indexOf("departement");
            int population = header.indexOf("population_municipale");
            int lat = header.indexOf("centroid_lat");
            int lon = header.indexOf("centroid_lon");
            int olds = header.indexOf("anciens_codes");
            for (String line; (line = reader.readLine()) != null; ) {
                String[] f = line.split(",", -1);
                Commune commune = new Commune(f[code], f[name], f[departement], Integer.parseInt(f[population]),
                        Double.parseDouble(f[lat]), Double.parseDouble(f[lon]));
                byCode.put(commune.inseeCode(), commune);
                for (String old : f[olds].split(" ")) {
                    if (!old.isBlank()) {
                        former.put(old, commune.inseeCode());
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE, e);
        }
        return new CommuneDirectory(Map.copyOf(byCode), Map.copyOf(former));
    }

    public List<Commune> all() {
        return byCode.values().stream().sorted(Comparator.comparing(Commune::inseeCode)).toList();
    }

    /** The commune of a current or former code. */
    public Optional<Commune> byCode(String inseeCode) {
        if (inseeCode == null) {
            return Optional.empty();
        }
        String code = inseeCode.trim();
        return Optional.ofNullable(byCode.get(code)).or(() -> Optional.ofNullable(formerCodes.get(code)).map(byCode::get));
    }

    /**
     * Communes matching what a person typed: a code, a label as {@link Commune#label()} prints it, or a name
     * (accents and case ignored). Several results mean the name is ambiguous.
     */
    public List<Commune> find(String typed) {
        if (typed == null || typed.isBlank()) {
            return List.of();
        }
        String text = typed.trim();
        var matcher = LABEL.matcher(text);
        if (matcher.matches()) {
            return byCode(matcher.group(1)).stream().toList();
        }
        Optional<Commune> exact = byCode(text);
        if (exact.isPresent()) {
            return List.of(exact.get());
        }
        String key = fold(text);
        List<Commune> found = new ArrayList<>();
        for (Commune commune : byCode.values()) {
            if (fold(commune.name()).equals(key)) {
                found.add(commune);
            }
        }
        found.sort(Comparator.comparing(Commune::inseeCode));
        return found;
    }

    /** The {@code count} communes nearest to {@code centre}, itself excluded. */
    public List<Commune> nearest(Commune centre, int count) {
        return byCode.values().stream()
                .filter(c -> !c.equals(centre))
                .sorted(Comparator.comparingDouble(centre::distanceKm))
                .limit(count)
                .toList();
    }

    private static String fold(String text) {
        String decomposed = Normalizer.normalize(text, Normalizer.Form.NFD).replaceAll("\\p{M}", "");
        return decomposed.toLowerCase(Locale.ROOT).replace('-', ' ').replace('\'', ' ').replaceAll("\\s+", " ").trim();
    }
}
