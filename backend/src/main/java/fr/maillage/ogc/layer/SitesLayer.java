package fr.maillage.ogc.layer;

import fr.maillage.fleet.availability.Availability;
import fr.maillage.fleet.availability.AvailabilityService;
import fr.maillage.fleet.availability.Granularity;
import fr.maillage.fleet.state.StateTracker;
import fr.maillage.ogc.Feature;
import fr.maillage.ogc.FeatureLayer;
import fr.maillage.ogc.FeaturePage;
import fr.maillage.ogc.ItemQuery;
import fr.maillage.ogc.OgcConfiguration;
import fr.maillage.territory.indicator.Disclosure;
import fr.maillage.territory.indicator.Period;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.jdbc.DataSourceResolver;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;
import org.locationtech.jts.geom.Envelope;

/**
 * Sites as points: kind, fleet state now, availability in opening hours (fleet's calculator) and finished
 * sessions over the period (default: the last 30 days), the session count suppressed from 1 to 10.
 */
@Singleton
final class SitesLayer implements FeatureLayer {

    /** A site and where it is, before figures. */
    private record Located(String id, @Nullable String name, @Nullable String kind, @Nullable String inseeCode,
            @Nullable String commune, @Nullable String departement, String state, @Nullable Timestamp stateSince,
            @Nullable Double lat, @Nullable Double lon, boolean ownPosition) {

        @Nullable Envelope envelope() {
            return lat == null || lon == null ? null : new Envelope(lon, lon, lat, lat);
        }
    }

    private final DataSource dataSource;
    private final AvailabilityService availability;
    private final OgcConfiguration config;

    SitesLayer(DataSource dataSource, DataSourceResolver resolver, AvailabilityService availability,
            OgcConfiguration config) {
        this.dataSource = resolver.resolve(dataSource);
        this.availability = availability;
        this.config = config;
    }

    @Override
    public String id() {
        return "sites";
    }

    @Override
    public String title() {
        return "Teleconsultation sites";
    }

    @Override
    public String description() {
        return "Sites of assisted teleconsultation (cabins, MSP 2.0 health centres, pharmacies, France services):"
                + " kind, state now, availability within opening hours and finished sessions over the period"
                + " (datetime; default the last 30 days), session counts of 1 to 10 suppressed.";
    }

    @Override
    public int defaultDays() {
        return config.siteDays();
    }

    @Override
    public Optional<Envelope> extent() {
        Envelope extent = new Envelope();
        located(null).stream().map(Located::envelope).filter(e -> e != null).forEach(extent::expandToInclude);
        return extent.isNull() ? Optional.empty() : Optional.of(extent);
    }

    @Override
    public FeaturePage items(ItemQuery query, Period period) {
        List<Located> matching = located(null).stream()
                .filter(site -> query.bbox() == null || query.bbox().intersects(site.envelope()))
                .toList();
        List<Located> page = matching.stream().skip(query.offset()).limit(query.limit()).toList();
        return new FeaturePage(features(page, period), matching.size());
    }

    @Override
    public Optional<Feature> item(String id, Period period) {
        List<Located> site = located(id);
        return site.isEmpty() ? Optional.empty() : Optional.of(features(site, period).getFirst());
    }

    private List<Feature> features(List<Located> sites, Period period) {
        Map<String, Long> sessions = sessions(sites.stream().map(Located::id).toList(), period);
        List<Feature> features = new ArrayList<>(sites.size());
        for (Located site : sites) {
            Availability total = availability
                    .report(site.id(), StateTracker.SITE, period.from(), period.to().plusDays(1), Granularity.MONTH)
                    .orElseThrow()
                    .total();
            long count = sessions.getOrDefault(site.id(), 0L);
            boolean secret = Disclosure.isSecret(count);
            SiteRow row = new SiteRow(site.id(), site.name(), site.kind(), site.inseeCode(), site.commune(),
                    site.departement(), site.state(),
                    site.stateSince() == null ? null : site.stateSince().toInstant().toString(),
                    site.lat() == null ? null : site.ownPosition() ? "site" : "commune centroid",
                    period.from(), period.to(), total.availability(), total.failures(), secret ? null : count,
                    secret ? "sessions" : "");
            String point = site.lat() == null || site.lon() == null ? null : String.format(Locale.ROOT,
                    "{\"type\":\"Point\",\"coordinates\":[%.6f,%.6f]}", site.lon(), site.lat());
            features.add(new Feature(site.id(), point, Column.properties(SiteRow.COLUMNS, row)));
        }
        return features;
    }

    /** Every site (or the one named), ordered by id, placed at its coordinates or its commune's centroid. */
    private List<Located> located(@Nullable String id) {
        String sql = """
                SELECT s.id, s.name, s.kind, s.insee_code, c.name, c.departement, s.state, s.state_since,
                       coalesce(s.latitude, c.centroid_lat), coalesce(s.longitude, c.centroid_lon),
                       s.latitude IS NOT NULL AND s.longitude IS NOT NULL
                FROM site s
                LEFT JOIN commune_former_code f ON f.former_code = s.insee_code
                LEFT JOIN commune c ON c.insee_code = coalesce(f.insee_code, s.insee_code)
                WHERE ?::text IS NULL OR s.id = ?
                ORDER BY s.id
                """;
        List<Located> sites = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            s.setString(1, id);
            s.setString(2, id);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    double lat = rs.getDouble(9);
                    Double latOrNull = rs.wasNull() ? null : lat;
                    double lon = rs.getDouble(10);
                    Double lonOrNull = rs.wasNull() ? null : lon;
                    sites.add(new Located(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                            rs.getString(5), rs.getString(6), rs.getString(7), rs.getTimestamp(8), latOrNull,
                            lonOrNull, rs.getBoolean(11)));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return sites;
    }

    private Map<String, Long> sessions(List<String> siteIds, Period period) {
        Map<String, Long> counts = new HashMap<>();
        String sql = """
                SELECT site_id, count(*) FROM encounter
                WHERE site_id = ANY (?::text[]) AND status = 'finished' AND period_start >= ? AND period_start < ?
                GROUP BY site_id
                """;
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            s.setArray(1, c.createArrayOf("text", siteIds.toArray()));
            s.setTimestamp(2, Timestamp.from(period.start()));
            s.setTimestamp(3, Timestamp.from(period.endExclusive()));
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    counts.put(rs.getString(1), rs.getLong(2));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return counts;
    }
}
