package fr.maillage.security;

import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;
import java.time.Instant;
import java.util.List;

/** Insert and read only: the trail cannot be edited through the application (nor, by trigger, at all). */
@JdbcRepository(dialect = Dialect.POSTGRES)
public interface AuditRecordRepository extends GenericRepository<AuditRecord, Long> {

    AuditRecord save(AuditRecord record);

    List<AuditRecord> findByAtBetweenOrderById(Instant from, Instant to);

    List<AuditRecord> findByUsernameAndAtBetweenOrderById(String username, Instant from, Instant to);
}
