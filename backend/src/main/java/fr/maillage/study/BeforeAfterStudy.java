package fr.maillage.study;

import fr.maillage.territory.BadTerritoryRequest;
import fr.maillage.territory.Thresholds;
import fr.maillage.territory.coverage.CoverageQueries;
import fr.maillage.territory.coverage.GreatCircle;
import fr.maillage.territory.coverage.SitePosition;
import fr.maillage.territory.indicator.Disclosure;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.jdbc.DataSourceResolver;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import javax.sql.DataSource;

/**
 * Before and after a site opened (issue 10 item 6): the communes around it against comparable communes without a
 * site. Descriptive only; the caveats travel with the figures.
 */
@Singleton
public class BeforeAfterStudy {

    static final int MONTHS = 12;
    static final double INTERMEDIATE_APL = 4.0;
    private static final ZoneId FRANCE = ZoneId.of("Europe/Paris");
    private static final String AT_SITE = "AT_SITE";
    private static final String NEIGHBOURING = "NEIGHBOURING_SITES";

    /** A commune with its APL at the two millésimes compared (null where DREES publishes none). */
    private record Commune(String code, String departement, long population, double lat, double lon,
            @Nullable Double aplBefore, @Nullable Double weightBefore, @Nullable Double aplAfter,
            @Nullable Double weightAfter) {}

    /** A group's raw counts in one window. */
    private record Counts(long total, long atSite, long withoutDoctor, long answered) {}

    private record SiteFacts(@Nullable Instant firstSession, @Nullable Instant registeredAt,
            @Nullable String departement) {}

    private final DataSource dataSource;
    private final CoverageQueries coverage;

    BeforeAfterStudy(DataSource dataSource, DataSourceResolver resolver, CoverageQueries coverage) {
        this.dataSource = resolver.resolve(dataSource);
        this.coverage = coverage;
    }

    public BeforeAfter compare(String siteId, double radiusKm, Instant now) throws SQLException {
        List<SitePosition> sites = coverage.sites();
        SitePosition site = sites.stream().filter(s -> s.siteId().equals(siteId)).findFirst()
                .orElseThrow(() -> new BadTerritoryRequest("no site '" + siteId + "' with a known position"));
        SiteFacts facts = facts(siteId);
        List<String> caveats = new ArrayList<>();
        if (facts.firstSession() == null) {
            caveats.add("The site has no recorded session: there is no opening to compare around.");
            return new BeforeAfter(siteId, null, facts.registeredAt(), radiusKm, null, null, false, null, null, null,
                    caveats);
        }
        ZonedDateTime opening = facts.firstSession().atZone(FRANCE);
        Instant start = opening.minusMonths(MONTHS).toInstant();
        Instant end = opening.plusMonths(MONTHS).toInstant();
        Integer yearBefore = aplYear("SELECT coalesce(max(year) FILTER (WHERE year < ?), min(year)) FROM commune_apl",
                opening.getYear());
        Integer yearAfter = aplYear("SELECT max(year) FILTER (WHERE year <= ?) FROM commune_apl",
                end.minusSeconds(1).atZone(FRANCE).getYear());
        List<Commune> communes = communes(yearBefore, yearAfter);

        List<Commune> catchment = communes.stream()
                .filter(c -> GreatCircle.km(site.lat(), site.lon(), c.lat(), c.lon()) <= radiusKm).toList();
        String band = band(weighted(catchment, Commune::aplBefore, Commune::weightBefore));
        List<Commune> comparison = communes.stream()
                .filter(c -> c.departement().equals(facts.departement()) && c.population() > 0)
                .filter(c -> c.aplBefore() != null && band != null && band.equals(band(c.aplBefore())))
                .filter(c -> sites.stream().noneMatch(s -> GreatCircle.km(s.lat(), s.lon(), c.lat(), c.lon()) <= radiusKm))
                .toList();

        BeforeAfter.Group catchmentGroup = group(catchment, band, siteId, start, facts.firstSession(), end, yearBefore,
                yearAfter);
        BeforeAfter.Group comparisonGroup = group(comparison, band, siteId, start, facts.firstSession(), end,
                yearBefore, yearAfter);
        boolean complete = !end.isAfter(now);
        caveats.addAll(caveats(facts, radiusKm, band, yearBefore, yearAfter, comparison.isEmpty(), complete, end));
        return new BeforeAfter(siteId, facts.firstSession(), facts.registeredAt(), radiusKm,
                new BeforeAfter.Window(start, facts.firstSession()), new BeforeAfter.Window(facts.firstSession(), end),
                complete, catchmentGroup, comparisonGroup,
                comparison.isEmpty() ? null : differences(catchmentGroup, comparisonGroup), caveats);
    }

    private BeforeAfter.Group group(List<Commune> communes, @Nullable String band, String siteId, Instant start,
            Instant opening, Instant end, Integer yearBefore, Integer yearAfter) throws SQLException {
        long population = communes.stream().mapToLong(Commune::population).sum();
        Double before = weighted(communes, Commune::aplBefore, Commune::weightBefore);
        Double after = weighted(communes, Commune::aplAfter, Commune::weightAfter);
        boolean later = yearAfter != null && yearBefore != null && yearAfter > yearBefore;
        Map<Boolean, Counts> counts = counts(communes.stream().map(Commune::code).toList(), siteId, start, opening, end);
        return new BeforeAfter.Group(communes.size(), population, band, yearBefore, before, later ? yearAfter : null,
                later ? after : null, later && before != null && after != null ? after - before : null,
                sessions(counts.get(false), population), sessions(counts.get(true), population));
    }

    private static BeforeAfter.Sessions sessions(Counts counts, long population) {
        Map<String, Long> bySite = new LinkedHashMap<>();
        bySite.put(AT_SITE, counts.atSite());
        bySite.put(NEIGHBOURING, counts.total() - counts.atSite());
        List<Disclosure.Cell> cells = Disclosure.distribution(bySite, counts.total());
        boolean hidden = cells.stream().anyMatch(cell -> cell.code().equals(NEIGHBOURING) && cell.suppressed());
        return new BeforeAfter.Sessions(Disclosure.count(counts.total()), cells,
                hidden ? new Disclosure.Figure(null, true)
                        : Disclosure.rate(counts.total() - counts.atSite(), population, 1_000),
                Disclosure.share(counts.withoutDoctor(), counts.answered()));
    }

    private static BeforeAfter.Differences differences(BeforeAfter.Group catchment, BeforeAfter.Group comparison) {
        return new BeforeAfter.Differences(
                diff(change(catchment, BeforeAfter.Sessions::neighbouringSitesPer1000),
                        change(comparison, BeforeAfter.Sessions::neighbouringSitesPer1000)),
                diff(change(catchment, BeforeAfter.Sessions::withoutRegularDoctorShare),
                        change(comparison, BeforeAfter.Sessions::withoutRegularDoctorShare)),
                diff(catchment.aplChange(), comparison.aplChange()));
    }

    private static @Nullable Double change(BeforeAfter.Group group,
            Function<BeforeAfter.Sessions, Disclosure.Figure> figure) {
        Disclosure.Figure before = figure.apply(group.sessionsBefore());
        Disclosure.Figure after = figure.apply(group.sessionsAfter());
        return before.value() == null || after.value() == null ? null : after.value() - before.value();
    }

    private static @Nullable Double diff(@Nullable Double a, @Nullable Double b) {
        return a == null || b == null ? null : a - b;
    }

    /** APL bands of the comparison: under the fragile threshold, between it and 4, 4 and above. */
    static @Nullable String band(@Nullable Double apl) {
        if (apl == null) {
            return null;
        }
        return apl < Thresholds.APL_FRAGILE_THRESHOLD ? "<2.5" : apl < INTERMEDIATE_APL ? "2.5-4" : ">=4";
    }

    private static @Nullable Double weighted(List<Commune> communes, Function<Commune, Double> apl,
            Function<Commune, Double> weight) {
        double sum = 0;
        double weights = 0;
        for (Commune c : communes) {
            if (apl.apply(c) != null && weight.apply(c) != null) {
                sum += apl.apply(c) * weight.apply(c);
                weights += weight.apply(c);
            }
        }
        return weights > 0 ? sum / weights : null;
    }

    private static List<String> caveats(SiteFacts facts, double radiusKm, @Nullable String band,
            @Nullable Integer yearBefore, @Nullable Integer yearAfter, boolean noComparison, boolean complete,
            Instant end) {
        List<String> caveats = new ArrayList<>();
        caveats.add("Opening = the start of the site's first recorded session (registration, shown apart, may precede"
                + " service by weeks of installation); sessions past retention are folded into daily counts and"
                + " no longer seen, so for a site older than that the opening found is too late.");
        caveats.add("Catchment = communes whose centroid lies within " + radiusKm + " km of the site, whoever its"
                + " patients are, so the group is not chosen by the outcome.");
        caveats.add("Comparison = inhabited communes of département " + facts.departement() + " whose own APL ("
                + yearBefore + ") is in the catchment's band " + band + " (bands <2.5, 2.5-4, >=4) and with no site"
                + " of today within " + radiusKm + " km.");
        caveats.add("Neighbouring sites = every site other than this one; sessions of the group's residents there,"
                + " wherever the patients went.");
        caveats.add("Differences = (catchment after - before) - (comparison after - before): descriptive, not the"
                + " site's effect; the groups differ in size, distances and other sites' openings, and no interval"
                + " is given.");
        caveats.add("Counts of 1 to 10 and every figure derived from them are suppressed (secret statistique).");
        if (noComparison) {
            caveats.add("The comparison group is empty: no difference is given, and the catchment's change alone"
                    + " says nothing about the site's effect.");
        }
        if (!complete) {
            caveats.add("The after window is not over (it ends " + end + "): its figures cover part of it.");
        }
        if (yearAfter == null || yearBefore == null || yearAfter <= yearBefore) {
            caveats.add("No APL millésime later than " + yearBefore + " is published yet: no APL change.");
        } else {
            caveats.add("APL " + yearBefore + " before, " + yearAfter + " after: DREES publishes it with a delay, so"
                    + " the millésimes need not match the windows.");
        }
        return caveats;
    }

    private SiteFacts facts(String siteId) throws SQLException {
        String sql = """
                SELECT (SELECT min(period_start) FROM encounter WHERE site_id = s.id), s.created_at, c.departement
                FROM site s
                LEFT JOIN commune_former_code f ON f.former_code = s.insee_code
                LEFT JOIN commune c ON c.insee_code = coalesce(f.insee_code, s.insee_code)
                WHERE s.id = ?
                """;
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            s.setString(1, siteId);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                Timestamp first = rs.getTimestamp(1);
                Timestamp registered = rs.getTimestamp(2);
                return new SiteFacts(first == null ? null : first.toInstant(),
                        registered == null ? null : registered.toInstant(), rs.getString(3));
            }
        }
    }

    private @Nullable Integer aplYear(String sql, int year) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            s.setInt(1, year);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                int found = rs.getInt(1);
                return rs.wasNull() ? null : found;
            }
        }
    }

    private List<Commune> communes(@Nullable Integer yearBefore, @Nullable Integer yearAfter) throws SQLException {
        String sql = """
                SELECT c.insee_code, c.departement, c.population, c.centroid_lat, c.centroid_lon,
                       b.apl, b.standardised_population, a.apl, a.standardised_population
                FROM commune c
                LEFT JOIN commune_apl b ON b.insee_code = c.insee_code AND b.year = ?
                LEFT JOIN commune_apl a ON a.insee_code = c.insee_code AND a.year = ?
                WHERE c.centroid_lat IS NOT NULL AND c.centroid_lon IS NOT NULL
                """;
        List<Commune> communes = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            s.setObject(1, yearBefore);
            s.setObject(2, yearAfter);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    communes.add(new Commune(rs.getString(1), rs.getString(2), rs.getLong(3), rs.getDouble(4),
                            rs.getDouble(5), nullable(rs, 6), nullable(rs, 7), nullable(rs, 8), nullable(rs, 9)));
                }
            }
        }
        return communes;
    }

    /** Finished sessions of the communes' residents, keyed by whether they fall after the opening. */
    private Map<Boolean, Counts> counts(List<String> codes, String siteId, Instant start, Instant opening, Instant end)
            throws SQLException {
        String sql = """
                SELECT e.period_start >= ?, count(*), count(*) FILTER (WHERE e.site_id = ?),
                       count(*) FILTER (WHERE e.has_regular_doctor = false), count(e.has_regular_doctor)
                FROM encounter e LEFT JOIN commune_former_code f ON f.former_code = e.residence_insee_code
                WHERE e.status = 'finished' AND e.period_start >= ? AND e.period_start < ?
                  AND coalesce(f.insee_code, e.residence_insee_code) = ANY (?::text[])
                GROUP BY 1
                """;
        Map<Boolean, Counts> counts = new LinkedHashMap<>();
        counts.put(false, new Counts(0, 0, 0, 0));
        counts.put(true, new Counts(0, 0, 0, 0));
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            s.setTimestamp(1, Timestamp.from(opening));
            s.setString(2, siteId);
            s.setTimestamp(3, Timestamp.from(start));
            s.setTimestamp(4, Timestamp.from(end));
            s.setArray(5, c.createArrayOf("text", codes.toArray()));
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    counts.put(rs.getBoolean(1), new Counts(rs.getLong(2), rs.getLong(3), rs.getLong(4), rs.getLong(5)));
                }
            }
        }
        return counts;
    }

    private static @Nullable Double nullable(ResultSet rs, int column) throws SQLException {
        double value = rs.getDouble(column);
        return rs.wasNull() ? null : value;
    }
}
