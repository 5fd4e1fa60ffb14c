package fr.maillage.security.mqtt;

import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import java.time.Instant;

/**
 * A broker account: a site (user name = site id) or the backend.
 *
 * @param passwordHash the Mosquitto {@code $7$} hash, never the password
 */
@MappedEntity("mqtt_credential")
public record MqttCredential(@Id String username, String passwordHash, Instant issuedAt, String issuedBy) {}
