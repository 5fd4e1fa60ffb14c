package fr.maillage.encounter;

import fr.maillage.security.SiteScopes;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Runs Encounter searches. The SQL is assembled from a fixed set of conditions, each with bound parameters, and
 * pages by keyset on (period_start, id), so the thousandth page costs what the first does. Date bounds go through
 * the GiST index {@code encounter_period_range} (V7); see the feature's README for the measurements.
 */
@Singleton
public class EncounterFinder {

    private final JdbcOperations jdbc;
    private final SiteScopes scopes;

    EncounterFinder(JdbcOperations jdbc, SiteScopes scopes) {
        this.jdbc = jdbc;
        this.scopes = scopes;
    }

    /** One row of a result page. */
    public record Row(UUID id, java.time.Instant periodStart, String resource) {}

    /** The SQL of a search and its parameters, in order. */
    record Query(String sql, List<Object> values) {}

    /** One more row than the page size is read, to know whether a next page exists. */
    @Transactional(readOnly = true)
    public List<Row> find(EncounterSearch search) {
        Query query = query(search);
        return jdbc.prepareStatement(query.sql(), statement -> {
            bind(statement, query.values());
            List<Row> rows = new ArrayList<>();
            try (var rs = statement.executeQuery()) {
                while (rs.next()) {
                    rows.add(new Row(
                            rs.getObject(1, UUID.class), rs.getTimestamp(2).toInstant(), rs.getString(3)));
                }
            }
            return rows;
        });
    }

    Query query(EncounterSearch search) {
        List<Object> values = new ArrayList<>();
        var sql = new StringBuilder("SELECT id, period_start, resource::text FROM encounter WHERE ")
                .append(scopes.condition(search.scope(), "site_id", values));
        periodOverlap(search.periodBounds()).ifPresent(range -> {
            // The expression of the GiST index encounter_period_range (V7): both ends of the range are searched
            // at once, where a B-tree on period_start could only bound the scan from above.
            sql.append(" AND tstzrange(period_start, coalesce(period_end, period_start), '[]')"
                    + " && tstzrange(?::timestamptz, ?::timestamptz, '[)')");
            values.add(range[0] == null ? null : Timestamp.from(range[0]));
            values.add(range[1] == null ? null : Timestamp.from(range[1]));
        });
        for (EncounterSearch.Bound bound : search.lastUpdatedBounds()) {
            sql.append(bound.side() == EncounterSearch.Side.LOWER ? " AND updated_at >= ?" : " AND updated_at < ?");
            values.add(Timestamp.from(bound.instant()));
        }
        if (!search.locationIds().isEmpty()) {
            sql.append(" AND site_id = ANY (?)");
            values.add(search.locationIds().toArray(String[]::new));
        }
        if (!search.statuses().isEmpty()) {
            sql.append(" AND status = ANY (?)");
            values.add(search.statuses().toArray(String[]::new));
        }
        search.after().ifPresent(cursor -> {
            sql.append(" AND (period_start, id) > (?, ?)");
            values.add(Timestamp.from(cursor.periodStart()));
            values.add(cursor.id());
        });
        sql.append(" ORDER BY period_start, id LIMIT ?");
        values.add(search.count() + 1);
        return new Query(sql.toString(), values);
    }

    /**
     * The one range [lower, upper) that all the date bounds make together (null for an open side), or nothing
     * when there is no bound. FHIR's date search on a period means "intersects": a period [start, end] (end =
     * start while the session runs) overlaps [lower, upper) exactly when end &gt;= lower and start &lt; upper.
     */
    private static java.util.Optional<java.time.Instant[]> periodOverlap(List<EncounterSearch.Bound> bounds) {
        if (bounds.isEmpty()) {
            return java.util.Optional.empty();
        }
        java.time.Instant lower = null;
        java.time.Instant upper = null;
        for (EncounterSearch.Bound bound : bounds) {
            if (bound.side() == EncounterSearch.Side.LOWER) {
                lower = lower == null || bound.instant().isAfter(lower) ? bound.instant() : lower;
            } else {
                upper = upper == null || bound.instant().isBefore(upper) ? bound.instant() : upper;
            }
        }
        if (lower != null && upper != null && upper.isBefore(lower)) {
            upper = lower; // an empty range: PostgreSQL refuses a range whose upper end is below its lower end
        }
        return java.util.Optional.of(new java.time.Instant[] {lower, upper});
    }

    static void bind(PreparedStatement statement, List<Object> values) throws SQLException {
        for (int i = 0; i < values.size(); i++) {
            Object value = values.get(i);
            if (value instanceof String[] array) {
                statement.setArray(i + 1, statement.getConnection().createArrayOf("text", array));
            } else {
                statement.setObject(i + 1, value);
            }
        }
    }
}
