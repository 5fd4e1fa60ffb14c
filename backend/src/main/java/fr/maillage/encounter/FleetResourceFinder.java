package fr.maillage.encounter;

import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.util.Optional;

/** Reads the fleet's devices and site operators for the FHIR Device and Organization reads. */
@Singleton
class FleetResourceFinder {

    /** The FHIR id of a device; the expression of the index site_device_fhir_id (V6), so a read is one probe. */
    private static final String DEVICE_FHIR_ID = "md5(d.site_id || '/' || d.device_id)::uuid";

    private final JdbcOperations jdbc;

    FleetResourceFinder(JdbcOperations jdbc) {
        this.jdbc = jdbc;
    }

    @Transactional(readOnly = true)
    Optional<SiteDeviceResource> device(String fhirId) {
        String sql = "SELECT " + DEVICE_FHIR_ID + ", d.site_id, d.device_id, d.kind, d.state, s.operator_id"
                + " FROM site_device d JOIN site s ON s.id = d.site_id WHERE " + DEVICE_FHIR_ID + " = ?::uuid";
        return jdbc.prepareStatement(sql, statement -> {
            statement.setString(1, fhirId);
            try (var rs = statement.executeQuery()) {
                return rs.next()
                        ? Optional.of(new SiteDeviceResource(rs.getString(1), rs.getString(2), rs.getString(3),
                                rs.getString(4), rs.getString(5), rs.getString(6)))
                        : Optional.empty();
            }
        });
    }

    @Transactional(readOnly = true)
    Optional<SiteOperatorResource> operator(String id) {
        return jdbc.prepareStatement("SELECT id, name, siren, email, active FROM site_operator WHERE id = ?",
                statement -> {
                    statement.setString(1, id);
                    try (var rs = statement.executeQuery()) {
                        return rs.next()
                                ? Optional.of(new SiteOperatorResource(rs.getString(1), rs.getString(2),
                                        rs.getString(3), rs.getString(4), rs.getBoolean(5)))
                                : Optional.empty();
                    }
                });
    }
}
