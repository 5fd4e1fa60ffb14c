package fr.maillage.security;

import io.micronaut.security.authentication.Authentication;
import java.util.Optional;

/**
 * What part of the fleet a user may see row by row: everything (admin), a territory (coordinator: a département
 * code or an EPCI SIREN), one site (site operator), or nothing (evaluator, who sees aggregates only).
 *
 * @param territory the coordinator's territory
 * @param siteId the site operator's site
 */
public record Scope(boolean everything, Optional<String> territory, Optional<String> siteId) {

    public static final String TERRITORY_CLAIM = "territory";
    public static final String SITE_CLAIM = "site";

    public static Scope of(Authentication user) {
        if (user.getRoles().contains(Roles.ADMIN)) {
            return new Scope(true, Optional.empty(), Optional.empty());
        }
        Optional<String> territory = user.getRoles().contains(Roles.COORDINATOR)
                ? claim(user, TERRITORY_CLAIM)
                : Optional.empty();
        Optional<String> site = user.getRoles().contains(Roles.SITE_OPERATOR) ? claim(user, SITE_CLAIM) : Optional.empty();
        return new Scope(false, territory, site);
    }

    /** Whether nothing row-level may be shown. */
    public boolean nothing() {
        return !everything && territory.isEmpty() && siteId.isEmpty();
    }

    private static Optional<String> claim(Authentication user, String name) {
        return Optional.ofNullable(user.getAttributes().get(name)).map(Object::toString);
    }
}
