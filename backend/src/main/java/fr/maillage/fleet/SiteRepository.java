package fr.maillage.fleet;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;
import java.time.Instant;
import java.util.List;

/**
 * Sites. The updates are conditional statements so that ordering rules (connection sequence, status sequence)
 * hold even when two backend instances apply messages of one site concurrently.
 */
@JdbcRepository(dialect = Dialect.POSTGRES)
public interface SiteRepository extends CrudRepository<Site, String> {

    @Query("""
            INSERT INTO site (id, connection, conn_seq, last_status_seq, created_at)
            VALUES (:id, 'UNKNOWN', -1, -1, :now)
            ON CONFLICT (id) DO NOTHING""")
    void ensure(String id, Instant now);

    /** Applies a birth unless a later connection already spoke; fills in the description it carries. */
    @Query("""
            UPDATE site SET connection = 'ONLINE', conn_seq = :connSeq, connection_changed_at = :receivedAt,
                name = COALESCE(:name, name), kind = COALESCE(:kind, kind),
                insee_code = COALESCE(:inseeCode, insee_code), latitude = COALESCE(:latitude, latitude),
                longitude = COALESCE(:longitude, longitude), agent_version = COALESCE(:agentVersion, agent_version)
            WHERE id = :id AND conn_seq <= :connSeq""")
    long applyBirth(
            String id,
            long connSeq,
            Instant receivedAt,
            @Nullable String name,
            @Nullable String kind,
            @Nullable String inseeCode,
            @Nullable Double latitude,
            @Nullable Double longitude,
            @Nullable String agentVersion);

    /** Applies a Will unless it belongs to a connection older than the last birth (the late-will race). */
    @Query("""
            UPDATE site SET connection = 'OFFLINE', conn_seq = :connSeq, connection_changed_at = :receivedAt
            WHERE id = :id AND conn_seq <= :connSeq""")
    long applyWill(String id, long connSeq, Instant receivedAt);

    List<Site> listOrderById();
}
