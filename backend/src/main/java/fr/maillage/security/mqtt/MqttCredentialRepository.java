package fr.maillage.security.mqtt;

import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;
import java.util.List;

@JdbcRepository(dialect = Dialect.POSTGRES)
interface MqttCredentialRepository extends CrudRepository<MqttCredential, String> {

    List<MqttCredential> listOrderByUsername();
}
