package fr.maillage.territory.indicator;

import fr.maillage.territory.BadTerritoryRequest;
import java.util.Arrays;
import java.util.List;

/**
 * One or several territories of one level taken together: {@code departements/52,54,55} is the three
 * départements of the network.
 *
 * @param level the level
 * @param codes the codes, in request order, without duplicates
 */
public record TerritorySelection(TerritoryLevel level, List<String> codes) {

    static final int MAX_CODES = 200;

    public static TerritorySelection parse(String level, String codes) {
        TerritoryLevel parsedLevel = TerritoryLevel.ofPath(level);
        List<String> parsedCodes = Arrays.stream(codes.split(","))
                .map(String::trim)
                .filter(code -> !code.isEmpty())
                .distinct()
                .toList();
        if (parsedCodes.isEmpty()) {
            throw new BadTerritoryRequest("no territory code given");
        }
        if (parsedCodes.size() > MAX_CODES) {
            throw new BadTerritoryRequest("at most " + MAX_CODES + " codes per request, got " + parsedCodes.size());
        }
        for (String code : parsedCodes) {
            if (!parsedLevel.accepts(code)) {
                throw new BadTerritoryRequest("'" + code + "' is not a valid code for level " + parsedLevel.path()
                        + switch (parsedLevel) {
                            case COMMUNES -> " (5-character INSEE code, e.g. 55029)";
                            case EPCI -> " (9-digit SIREN, e.g. 200033025)";
                            case DEPARTEMENTS -> " (e.g. 52, 2A, 971)";
                        });
            }
        }
        return new TerritorySelection(parsedLevel, parsedCodes);
    }
}
