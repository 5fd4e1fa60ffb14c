package fr.maillage.encounter;

import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.util.List;

/** Writes site operators and the sites they run, in one transaction. */
@Singleton
class SiteOperatorStore {

    private final JdbcOperations jdbc;
    SiteOperatorStore(JdbcOperations jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Creates or replaces the operator and makes {@code sites} exactly the sites it runs.
     *
     * @return the ids of {@code sites} that name no site; when there are any, nothing is written
     */
    @Transactional
    List<String> save(SiteOperatorResource operator, List<String> sites) {
        List<String> unknown = jdbc.prepareStatement(
                "SELECT id FROM unnest(?::text[]) AS id WHERE id NOT IN (SELECT id FROM site) ORDER BY id",
                statement -> {
                    statement.setArray(1, statement.getConnection().createArrayOf("text", sites.toArray()));
                    try (var rs = statement.executeQuery()) {
                        var ids = new java.util.ArrayList<String>();
                        while (rs.next()) {
                            ids.add(rs.getString(1));
                        }
                        return List.copyOf(ids);
                    }
                });
        if (!unknown.isEmpty()) {
            return unknown;
        }
        jdbc.prepareStatement("""
                INSERT INTO site_operator (id, name, siren, email, active) VALUES (?, ?, ?, ?, ?)
                ON CONFLICT (id) DO UPDATE SET name = excluded.name, siren = excluded.siren,
                    email = excluded.email, active = excluded.active""", statement -> {
            statement.setString(1, operator.id());
            statement.setString(2, operator.name());
            statement.setString(3, operator.siren());
            statement.setString(4, operator.email());
            statement.setBoolean(5, operator.active());
            return statement.executeUpdate();
        });
        jdbc.prepareStatement("""
                UPDATE site SET operator_id = CASE WHEN id = ANY (?::text[]) THEN ? END
                WHERE operator_id = ? OR id = ANY (?::text[])""", statement -> {
            var array = statement.getConnection().createArrayOf("text", sites.toArray());
            statement.setArray(1, array);
            statement.setString(2, operator.id());
            statement.setString(3, operator.id());
            statement.setArray(4, array);
            return statement.executeUpdate();
        });
        return List.of();
    }
}
