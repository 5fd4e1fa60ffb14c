package fr.maillage.ogc.layer;

import io.micronaut.core.annotation.Nullable;
import java.time.LocalDate;
import java.util.List;

/**
 * A site as the sites layer publishes it.
 *
 * @param id site id
 * @param name its name
 * @param kind CABIN, HEALTH_CENTRE, PHARMACY, PUBLIC_SERVICE_POINT… (null before its first birth)
 * @param inseeCode its commune
 * @param commune the commune's name
 * @param departement the commune's département
 * @param state the fleet state now (ONLINE, DEGRADED, OFFLINE, UNKNOWN)
 * @param stateSince when that state began (ISO-8601 UTC)
 * @param position where the point comes from: the site's own coordinates, or its commune's centroid
 * @param from first day of the period of availability and sessions
 * @param to last day of that period
 * @param availability (online + degraded) / known open time in the period, 0–1; null when nothing is known
 * @param failures outages starting in the period
 * @param sessions finished sessions started in the period; null when 1 to 10 (suppressed)
 * @param suppressed the figures hidden by the secret statistique
 */
public record SiteRow(
        String id,
        @Nullable String name,
        @Nullable String kind,
        @Nullable String inseeCode,
        @Nullable String commune,
        @Nullable String departement,
        String state,
        @Nullable String stateSince,
        @Nullable String position,
        LocalDate from,
        LocalDate to,
        @Nullable Double availability,
        @Nullable Integer failures,
        @Nullable Long sessions,
        String suppressed) {

    static final List<Column<SiteRow>> COLUMNS = List.of(
            new Column<>("id", "site id", "", "fleet", SiteRow::id),
            new Column<>("name", "site name", "", "fleet", SiteRow::name),
            new Column<>("kind", "kind of site", "", "fleet", SiteRow::kind),
            new Column<>("inseeCode", "INSEE code of its commune", "", "fleet", SiteRow::inseeCode),
            new Column<>("commune", "name of its commune", "", "INSEE", SiteRow::commune),
            new Column<>("departement", "département", "", "INSEE", SiteRow::departement),
            new Column<>("state", "fleet state now", "", "fleet", SiteRow::state),
            new Column<>("stateSince", "since when", "ISO-8601 UTC", "fleet", SiteRow::stateSince),
            new Column<>("position", "origin of the point", "", "fleet", SiteRow::position),
            new Column<>("periodStart", "first day of the period", "date", "", r -> r.from().toString()),
            new Column<>("periodEnd", "last day of the period, included", "date", "", r -> r.to().toString()),
            new Column<>("availability", "available share of open time", "proportion 0–1", "fleet",
                    SiteRow::availability),
            new Column<>("failures", "outages starting in the period", "outages", "fleet", SiteRow::failures),
            new Column<>("sessions", "finished sessions started in the period", "sessions", "encounters",
                    SiteRow::sessions),
            new Column<>("suppressed", "figures hidden by the secret statistique", "", "", SiteRow::suppressed));
}
