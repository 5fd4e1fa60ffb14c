package fr.maillage.fleet;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;
import java.time.Instant;
import java.util.List;

@JdbcRepository(dialect = Dialect.POSTGRES)
public interface SiteDeviceRepository extends GenericRepository<SiteDevice, SiteDevice.Key> {

    @Query("""
            INSERT INTO site_device (site_id, device_id, kind, health, detail, measurements, updated_at)
            VALUES (:siteId, :deviceId, :kind, :health, :detail, CAST(:measurements AS jsonb), :updatedAt)
            ON CONFLICT (site_id, device_id) DO UPDATE SET kind = EXCLUDED.kind, health = EXCLUDED.health,
                detail = EXCLUDED.detail, measurements = EXCLUDED.measurements, updated_at = EXCLUDED.updated_at""")
    void upsert(
            String siteId,
            String deviceId,
            String kind,
            String health,
            @Nullable String detail,
            String measurements,
            Instant updatedAt);

    @Query("SELECT * FROM site_device WHERE site_id = :siteId ORDER BY device_id")
    List<SiteDevice> findBySite(String siteId);
}
