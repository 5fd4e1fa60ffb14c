package fr.maillage.study;

import fr.maillage.territory.Thresholds;
import fr.maillage.territory.coverage.GreatCircle;
import fr.maillage.territory.indicator.Disclosure;
import fr.maillage.territory.indicator.Period;
import fr.maillage.territory.indicator.TerritorySelection;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.jdbc.DataSourceResolver;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;

/**
 * Distance and access of the report's sessions: how far patients came (to the site, and to the nearest commune
 * where a GP practises), and how many live in an under-served commune (APL under 2.5).
 */
@Singleton
class AccessFigures {

    static final List<String> BANDS = List.of("0-5", "5-10", "10-20", "20-50", "50+");
    private static final String UNKNOWN = "UNKNOWN";

    /**
     * @param toSite sessions by distance band to the site (suppressed as a distribution)
     * @param toNearestGp sessions by distance band to the nearest GP commune; null without care-supply data
     * @param fragileResidence share living where APL is under 2.5
     * @param toSiteSummary mean and median of the distance to the site
     * @param toNearestGpSummary the same to the nearest GP commune; null without care-supply data
     */
    record Access(List<Disclosure.Cell> toSite, @Nullable List<Disclosure.Cell> toNearestGp,
            StudyReport.Proportion fragileResidence, StudyReport.Distances toSiteSummary,
            @Nullable StudyReport.Distances toNearestGpSummary) {}

    private record Point(double lat, double lon) {}

    /** A distance shared by {@code sessions} sessions. */
    private record Spread(double km, long sessions) {}

    private final DataSource dataSource;

    AccessFigures(DataSource dataSource, DataSourceResolver resolver) {
        this.dataSource = resolver.resolve(dataSource);
    }

    Access compute(TerritorySelection selection, StudyReports.Placement placement, Period period)
            throws SQLException {
        String sql = StudyReports.placed(selection, placement) + """
                , y AS (SELECT coalesce((SELECT max(year) FROM commune_apl WHERE year <= ?),
                                        (SELECT max(year) FROM commune_apl)) AS year)
                SELECT rc.centroid_lat, rc.centroid_lon, coalesce(s.latitude, sc.centroid_lat),
                       coalesce(s.longitude, sc.centroid_lon), a.apl, count(*)
                FROM placed p JOIN site s ON s.id = p.site_id
                LEFT JOIN commune rc ON rc.insee_code = p.residence
                LEFT JOIN commune_former_code sf ON sf.former_code = s.insee_code
                LEFT JOIN commune sc ON sc.insee_code = coalesce(sf.insee_code, s.insee_code)
                LEFT JOIN commune_apl a ON a.insee_code = p.residence AND a.year = (SELECT year FROM y)
                WHERE p.commune IN (SELECT insee_code FROM territory)
                GROUP BY 1, 2, 3, 4, 5
                """;
        List<Point> gps = gpCommunes();
        Map<String, Long> toSite = bands();
        Map<String, Long> toGp = bands();
        long total = 0;
        long withApl = 0;
        long fragile = 0;
        List<Spread> siteKm = new ArrayList<>();
        List<Spread> gpKm = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            s.setArray(1, c.createArrayOf("text", selection.codes().toArray()));
            s.setTimestamp(2, Timestamp.from(period.start()));
            s.setTimestamp(3, Timestamp.from(period.endExclusive()));
            s.setInt(4, period.to().getYear());
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    long count = rs.getLong(6);
                    total += count;
                    Point residence = point(rs, 1);
                    Point site = point(rs, 3);
                    Double distance = residence == null || site == null ? null : km(residence, site);
                    toSite.merge(distance == null ? UNKNOWN : StudyDatasets.band(distance), count, Long::sum);
                    Double nearest = residence == null || gps.isEmpty() ? null
                            : gps.stream().mapToDouble(gp -> km(residence, gp)).min().orElseThrow();
                    toGp.merge(nearest == null ? UNKNOWN : StudyDatasets.band(nearest), count, Long::sum);
                    if (distance != null) {
                        siteKm.add(new Spread(distance, count));
                    }
                    if (nearest != null) {
                        gpKm.add(new Spread(nearest, count));
                    }
                    double apl = rs.getDouble(5);
                    if (!rs.wasNull()) {
                        withApl += count;
                        fragile += apl < Thresholds.APL_FRAGILE_THRESHOLD ? count : 0;
                    }
                }
            }
        }
        return new Access(Disclosure.distribution(toSite, total),
                gps.isEmpty() ? null : Disclosure.distribution(toGp, total),
                Disclosure.isSecret(total) ? new StudyReport.Proportion(null, null, null, null, null, true)
                        : StudyReports.proportion(fragile, withApl),
                summary(siteKm), gps.isEmpty() ? null : summary(gpKm));
    }

    /**
     * Mean and median over the sessions whose distance is known; the median is the lower one (the distance of the
     * session ranked ⌈n/2⌉ from the nearest). Hidden, like any figure, when 1 to 10 sessions make it.
     */
    private static StudyReport.Distances summary(List<Spread> spreads) {
        long n = spreads.stream().mapToLong(Spread::sessions).sum();
        if (Disclosure.isSecret(n)) {
            return new StudyReport.Distances(null, null, null, true);
        }
        if (n == 0) {
            return new StudyReport.Distances(0L, null, null, false);
        }
        double sum = spreads.stream().mapToDouble(spread -> spread.km() * spread.sessions()).sum();
        List<Spread> sorted = spreads.stream().sorted(Comparator.comparingDouble(Spread::km)).toList();
        long rank = (n + 1) / 2;
        long seen = 0;
        double median = sorted.getLast().km();
        for (Spread spread : sorted) {
            seen += spread.sessions();
            if (seen >= rank) {
                median = spread.km();
                break;
            }
        }
        return new StudyReport.Distances(n, sum / n, median, false);
    }

    private static Map<String, Long> bands() {
        Map<String, Long> bands = new LinkedHashMap<>();
        BANDS.forEach(band -> bands.put(band, 0L));
        bands.put(UNKNOWN, 0L);
        return bands;
    }

    /** Centroids of the communes where at least one general practitioner practises. */
    private List<Point> gpCommunes() throws SQLException {
        String sql = """
                SELECT c.centroid_lat, c.centroid_lon FROM care_supply cs JOIN commune c ON c.insee_code = cs.insee_code
                WHERE cs.profession = 'GENERAL_PRACTITIONER' AND cs.practitioners > 0
                  AND c.centroid_lat IS NOT NULL AND c.centroid_lon IS NOT NULL
                """;
        List<Point> points = new ArrayList<>();
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement(sql);
                ResultSet rs = s.executeQuery()) {
            while (rs.next()) {
                points.add(new Point(rs.getDouble(1), rs.getDouble(2)));
            }
        }
        return points;
    }

    private static @Nullable Point point(ResultSet rs, int column) throws SQLException {
        double lat = rs.getDouble(column);
        boolean missing = rs.wasNull();
        double lon = rs.getDouble(column + 1);
        return missing || rs.wasNull() ? null : new Point(lat, lon);
    }

    private static double km(Point a, Point b) {
        return GreatCircle.km(a.lat(), a.lon(), b.lat(), b.lon());
    }
}
