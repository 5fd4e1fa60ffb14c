package fr.maillage.fleet;

import fr.maillage.contract.SiteKind;
import io.micronaut.core.annotation.Nullable;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Which sites a fleet view shows; every criterion is optional and all given ones must hold. Territory codes are
 * checked here, so a malformed one is refused with its expected form rather than matching nothing.
 *
 * @param departement a département code: {@code 52}, {@code 2A}, {@code 971}
 * @param epci an EPCI's SIREN (9 digits), matched through the commune reference data
 * @param commune a commune's INSEE code (5 characters)
 * @param kind a kind of site
 * @param state a recorded state
 */
public record SiteFilter(
        @Nullable String departement,
        @Nullable String epci,
        @Nullable String commune,
        @Nullable SiteKind kind,
        @Nullable SiteState state) {

    private static final Pattern DEPARTEMENT = Pattern.compile("[0-9]{2}|2[AB]|97[1-6]");
    private static final Pattern EPCI = Pattern.compile("[0-9]{9}");
    private static final Pattern COMMUNE = Pattern.compile("[0-9]{5}|2[AB][0-9]{3}");

    /** @throws IllegalArgumentException naming the malformed criterion and the form it must have */
    public SiteFilter {
        departement = checked("departement", departement, DEPARTEMENT, "a département code such as 52, 2A or 971");
        epci = checked("epci", epci, EPCI, "an EPCI SIREN of 9 digits");
        commune = checked("commune", commune, COMMUNE, "an INSEE commune code of 5 characters such as 52121");
    }

    public static SiteFilter none() {
        return new SiteFilter(null, null, null, null, null);
    }

    /** The same territory and kind, any state. */
    public SiteFilter anyState() {
        return new SiteFilter(departement, epci, commune, kind, null);
    }

    private static @Nullable String checked(String name, @Nullable String value, Pattern form, String expected) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String code = value.trim().toUpperCase(Locale.ROOT);
        if (!form.matcher(code).matches()) {
            throw new IllegalArgumentException(name + " must be " + expected + ", was " + value);
        }
        return code;
    }
}
