package fr.maillage.territory.importer;

import java.util.Collection;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Which départements an import keeps; empty means the whole country.
 *
 * @param codes département codes ({@code 52}, {@code 2A}, {@code 971})
 */
public record DepartementFilter(Set<String> codes) {

    private static final Pattern DEPARTEMENT = Pattern.compile("\\d{2}|2[AB]|97\\d");

    public DepartementFilter {
        for (String code : codes) {
            if (!DEPARTEMENT.matcher(code).matches()) {
                throw new IllegalArgumentException("not a département code: '" + code
                        + "' (expected two digits, 2A, 2B or 97x)");
            }
        }
        codes = Set.copyOf(new TreeSet<>(codes));
    }

    public static DepartementFilter all() {
        return new DepartementFilter(Set.of());
    }

    public static DepartementFilter of(Collection<String> codes) {
        return new DepartementFilter(Set.copyOf(codes));
    }

    public boolean isAll() {
        return codes.isEmpty();
    }

    /** @return whether a commune of this INSEE code is kept */
    public boolean accepts(String inseeCode) {
        return isAll() || codes.contains(departementOf(inseeCode));
    }

    /** The département of a commune: the first three characters overseas (97x), the first two elsewhere. */
    public static String departementOf(String inseeCode) {
        return inseeCode.startsWith("97") ? inseeCode.substring(0, 3) : inseeCode.substring(0, 2);
    }

    @Override
    public String toString() {
        return isAll() ? "France" : String.join(",", codes);
    }
}
