package fr.maillage.portal;

import fr.maillage.security.Scope;
import fr.maillage.security.SiteScopes;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;

/**
 * The sites one user may follow on the map, by the security feature's own scope rule: read once when the page
 * connects, and asked again only for a site born since.
 */
final class VisibleSites implements Predicate<SiteMarker> {

    private final SiteScopes scopes;
    private final Scope scope;
    private final Set<String> known = ConcurrentHashMap.newKeySet();
    private final Set<String> refused = ConcurrentHashMap.newKeySet();

    private VisibleSites(SiteScopes scopes, Scope scope) {
        this.scopes = scopes;
        this.scope = scope;
    }

    static Predicate<SiteMarker> of(Scope scope, SiteScopes scopes, PortalQueries queries) throws SQLException {
        if (scope.everything()) {
            return marker -> true;
        }
        VisibleSites visible = new VisibleSites(scopes, scope);
        List<Object> values = new ArrayList<>();
        visible.known.addAll(queries.sitesWhere(scopes.condition(scope, "id", values), values));
        return visible;
    }

    @Override
    public boolean test(SiteMarker marker) {
        if (known.contains(marker.id())) {
            return true;
        }
        // a site with no commune yet may get one in a later birth: only a described site is refused for good
        if (refused.contains(marker.id())) {
            return false;
        }
        if (scopes.covers(scope, marker.id())) {
            known.add(marker.id());
            return true;
        }
        if (marker.inseeCode() != null) {
            refused.add(marker.id());
        }
        return false;
    }
}
