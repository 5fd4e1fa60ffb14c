package fr.maillage.portal;

import fr.maillage.security.SiteScopes;
import fr.maillage.territory.importer.Profession;
import fr.maillage.territory.indicator.TerritorySelection;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.jdbc.DataSourceResolver;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import javax.sql.DataSource;

/** The reads the portal needs that the fleet, encounter and territory APIs do not offer. */
@Singleton
class PortalQueries {

    /**
     * Sessions of a site in one week.
     *
     * @param week the Monday of the week (French time)
     * @param finished teleconsultations held
     * @param cancelled sessions cancelled
     */
    @Serdeable
    record WeeklySessions(LocalDate week, long finished, long cancelled) {}

    /**
     * Libéral general practitioners of a commune, from the RPPS import.
     *
     * @param code INSEE code
     * @param practitioners libéral GPs practising in the commune
     * @param per10000 the same per 10,000 inhabitants, null for a commune without population
     */
    @Serdeable
    record CommuneGps(String code, long practitioners, @Nullable Double per10000) {}

    /**
     * Share of a commune's inhabitants aged 65 and over, from the latest INSEE age-structure import.
     *
     * @param code INSEE code
     * @param year census year of the figures
     * @param population inhabitants (INSEE's weighted count)
     * @param aged65Plus inhabitants aged 65 and over
     * @param share65Plus the same as a share of the population, null for a commune without inhabitants
     */
    @Serdeable
    record CommuneAges(String code, int year, double population, double aged65Plus, @Nullable Double share65Plus) {}

    /**
     * A site as the map lists it, with its commune's place in the territory.
     *
     * @param communeName null when the site names no commune, or one not imported
     */
    @Serdeable
    record SiteRow(String id, @Nullable String name, @Nullable String kind, @Nullable String inseeCode,
            @Nullable String communeName, @Nullable String departement, @Nullable String epciSiren,
            @Nullable Double latitude, @Nullable Double longitude, String state) {}

    /**
     * A commune's polygon and the figures that do not change with the period.
     *
     * @param geometry GeoJSON geometry as text, null when no polygon was imported
     */
    record CommuneShape(String code, String name, String departement, @Nullable String epciSiren, long population,
            @Nullable String geometry) {}

    private final DataSource dataSource;

    PortalQueries(DataSource dataSource, DataSourceResolver resolver) {
        this.dataSource = resolver.resolve(dataSource);
    }

    List<WeeklySessions> weeklySessions(String siteId, Instant since) throws SQLException {
        String sql = """
                SELECT date_trunc('week', period_start AT TIME ZONE 'Europe/Paris')::date,
                       count(*) FILTER (WHERE status = 'finished'), count(*) FILTER (WHERE status = 'cancelled')
                FROM encounter WHERE site_id = ? AND period_start >= ?
                GROUP BY 1 ORDER BY 1
                """;
        List<WeeklySessions> weeks = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            s.setString(1, siteId);
            s.setTimestamp(2, Timestamp.from(since));
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    weeks.add(new WeeklySessions(rs.getObject(1, LocalDate.class), rs.getLong(2), rs.getLong(3)));
                }
            }
        }
        return weeks;
    }

    /** Every commune with its libéral GPs; empty when no RPPS extraction was imported (the map says so). */
    List<CommuneGps> communeGps() throws SQLException {
        String sql = """
                SELECT c.insee_code, coalesce(s.liberal_practitioners, 0), c.population FROM commune c
                LEFT JOIN care_supply s ON s.insee_code = c.insee_code AND s.profession = ?
                WHERE EXISTS (SELECT 1 FROM care_supply WHERE profession = ?)
                ORDER BY c.insee_code
                """;
        List<CommuneGps> communes = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            s.setString(1, Profession.GENERAL_PRACTITIONER.name());
            s.setString(2, Profession.GENERAL_PRACTITIONER.name());
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    long gps = rs.getLong(2);
                    long population = rs.getLong(3);
                    communes.add(new CommuneGps(rs.getString(1), gps,
                            population > 0 ? gps * 10_000.0 / population : null));
                }
            }
        }
        return communes;
    }

    /** Every commune's latest age structure; empty when no INSEE age file was imported (the map says so). */
    List<CommuneAges> communeAges() throws SQLException {
        String sql = """
                SELECT DISTINCT ON (insee_code) insee_code, year, population, aged_65_79 + aged_80_plus
                FROM commune_age_structure ORDER BY insee_code, year DESC
                """;
        List<CommuneAges> communes = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql);
                ResultSet rs = s.executeQuery()) {
            while (rs.next()) {
                double population = rs.getDouble(3);
                double aged = rs.getDouble(4);
                communes.add(new CommuneAges(rs.getString(1), rs.getInt(2), population, aged,
                        population > 0 ? aged / population : null));
            }
        }
        return communes;
    }

    /** The sites that a {@link SiteScopes#condition} on column {@code st.id} selects, by name. */
    List<SiteRow> siteRows(String condition, List<Object> values) throws SQLException {
        String sql = """
                SELECT st.id, st.name, st.kind, st.insee_code, c.name, c.departement, c.epci_siren, st.latitude,
                       st.longitude, st.state
                FROM site st LEFT JOIN commune c ON c.insee_code = st.insee_code
                WHERE %s ORDER BY coalesce(st.name, st.id), st.id
                """.formatted(condition);
        List<SiteRow> rows = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < values.size(); i++) {
                s.setObject(i + 1, values.get(i));
            }
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    rows.add(new SiteRow(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                            rs.getString(5), rs.getString(6), rs.getString(7), rs.getObject(8, Double.class),
                            rs.getObject(9, Double.class), rs.getString(10)));
                }
            }
        }
        return rows;
    }

    /** What changes when communes or their polygons are imported again: their number and the latest update. */
    String communesVersion() throws SQLException {
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement("SELECT count(*), max(updated_at) FROM commune");
                ResultSet rs = s.executeQuery()) {
            rs.next();
            return rs.getLong(1) + "/" + rs.getTimestamp(2);
        }
    }

    List<CommuneShape> communeShapes() throws SQLException {
        String sql = "SELECT insee_code, name, departement, epci_siren, population, geometry::text FROM commune"
                + " ORDER BY insee_code";
        List<CommuneShape> shapes = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql);
                ResultSet rs = s.executeQuery()) {
            while (rs.next()) {
                shapes.add(new CommuneShape(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getLong(5), rs.getString(6)));
            }
        }
        return shapes;
    }

    /** Ids of the sites that a {@link SiteScopes#condition} on column {@code id} selects. */
    Set<String> sitesWhere(String condition, List<Object> values) throws SQLException {
        Set<String> ids = new HashSet<>();
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement("SELECT id FROM site WHERE " + condition)) {
            for (int i = 0; i < values.size(); i++) {
                s.setObject(i + 1, values.get(i));
            }
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    ids.add(rs.getString(1));
                }
            }
        }
        return ids;
    }

    /** The départements a territory lies in (an EPCI may straddle two). */
    List<String> departementsOf(TerritorySelection selection) throws SQLException {
        String sql = "SELECT DISTINCT departement FROM commune WHERE " + selection.level().communeColumn()
                + " = ANY (?::text[]) ORDER BY 1";
        List<String> departements = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            s.setArray(1, c.createArrayOf("text", selection.codes().toArray()));
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    departements.add(rs.getString(1));
                }
            }
        }
        return departements;
    }
}
