package fr.maillage.security;

import java.util.List;

/** The roles of the portal, as they appear in tokens (and in {@code @Secured}). */
public final class Roles {

    /** A site's nurse or pharmacist: its own site only. */
    public static final String SITE_OPERATOR = "site-operator";
    /** Watches the fleet of a territory (a département or an EPCI). */
    public static final String COORDINATOR = "coordinator";
    /** Aggregated indicators and exports only, never row-level session data. */
    public static final String EVALUATOR = "evaluator";
    public static final String ADMIN = "admin";
    /** A metrics scraper (Prometheus) authenticated by the identity provider. */
    public static final String METRICS = "metrics";

    public static final List<String> PEOPLE = List.of(SITE_OPERATOR, COORDINATOR, EVALUATOR, ADMIN);

    private Roles() {}
}
