package fr.maillage.ingest;

import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;
import java.util.List;

@JdbcRepository(dialect = Dialect.POSTGRES)
public interface DeadLetterRepository extends CrudRepository<DeadLetter, Long> {

    List<DeadLetter> findByTopicOrderById(String topic);
}
