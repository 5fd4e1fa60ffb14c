package fr.maillage.territory.importer;

import java.util.regex.Pattern;

/** Checks of the identifiers found in the sources. */
final class InseeCodes {

    private static final Pattern COMMUNE = Pattern.compile("(?:\\d{2}|2[AB])\\d{3}");
    private static final Pattern SIREN = Pattern.compile("\\d{9}");

    private InseeCodes() {}

    static boolean isCommune(String code) {
        return COMMUNE.matcher(code).matches();
    }

    static boolean isSiren(String code) {
        return SIREN.matcher(code).matches();
    }

    /**
     * Spreadsheets and some extracts lose the leading zero of codes such as {@code 01001}; four characters that
     * would be a valid code with it are given it back.
     */
    static String normalise(String code) {
        String trimmed = code.trim();
        return trimmed.length() == 4 && isCommune("0" + trimmed) ? "0" + trimmed : trimmed;
    }
}
