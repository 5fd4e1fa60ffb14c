package fr.maillage.fleet;

import io.micronaut.core.annotation.Nullable;

/** The département of a commune, from its INSEE code: three characters overseas (971…976), two elsewhere (2A). */
public final class Departement {

    private Departement() {}

    public static @Nullable String of(@Nullable String inseeCode) {
        if (inseeCode == null || inseeCode.length() < 3) {
            return null;
        }
        return inseeCode.startsWith("97") || inseeCode.startsWith("98")
                ? inseeCode.substring(0, 3)
                : inseeCode.substring(0, 2);
    }
}
