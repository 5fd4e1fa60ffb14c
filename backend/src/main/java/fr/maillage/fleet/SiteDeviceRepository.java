package fr.maillage.fleet;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;
import java.util.List;

@JdbcRepository(dialect = Dialect.POSTGRES)
public interface SiteDeviceRepository extends GenericRepository<SiteDevice, SiteDevice.Key> {

    @Query("SELECT * FROM site_device WHERE site_id = :siteId ORDER BY device_id")
    List<SiteDevice> findBySite(String siteId);
}
