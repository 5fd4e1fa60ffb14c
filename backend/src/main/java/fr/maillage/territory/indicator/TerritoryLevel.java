package fr.maillage.territory.indicator;

import fr.maillage.territory.BadTerritoryRequest;
import java.util.Arrays;
import java.util.Locale;
import java.util.regex.Pattern;

/** The levels a territory is chosen at, named as in the API path, with the commune column that selects it. */
public enum TerritoryLevel {
    COMMUNES("communes", "insee_code", Pattern.compile("(?:\\d{2}|2[AB])\\d{3}")),
    EPCI("epci", "epci_siren", Pattern.compile("\\d{9}")),
    DEPARTEMENTS("departements", "departement", Pattern.compile("\\d{2}|2[AB]|97\\d"));

    private final String path;
    private final String communeColumn;
    private final Pattern code;

    TerritoryLevel(String path, String communeColumn, Pattern code) {
        this.path = path;
        this.communeColumn = communeColumn;
        this.code = code;
    }

    public String path() {
        return path;
    }

    /** Column of table {@code commune} holding this level's code (a constant: safe in SQL text). */
    public String communeColumn() {
        return communeColumn;
    }

    boolean accepts(String candidate) {
        return code.matcher(candidate).matches();
    }

    static TerritoryLevel ofPath(String segment) {
        return Arrays.stream(values())
                .filter(level -> level.path.equals(segment.toLowerCase(Locale.ROOT)))
                .findFirst()
                .orElseThrow(() -> new BadTerritoryRequest("unknown territory level '" + segment
                        + "': use communes, epci or departements"));
    }
}
