package fr.maillage.ingest;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.bind.annotation.Bindable;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import java.time.Duration;

/**
 * Settings of the MQTT ingest ({@code maillage.ingest.*}).
 *
 * @param enabled whether this instance consumes site messages at all
 * @param brokerUri the broker, {@code tcp://host:1883} or {@code ssl://host:8883}
 * @param clientId MQTT client id; stable per instance so a restart resumes its persistent session (defaults to
 *     {@code maillage-backend-} and the host name)
 * @param sharedGroup the shared-subscription group that instances of one deployment join
 * @param username broker user, if the broker requires one
 * @param password broker password
 * @param sessionExpiry how long the broker keeps this instance's session (and queues its messages) while it is
 *     away
 * @param receiveMaximum how many unacknowledged messages the broker may send this instance at once
 * @param maxPayloadBytes larger payloads are dead-lettered unread
 * @param retryDelay wait before retrying a message whose processing failed because the database was unreachable
 * @param batchSize how many messages at most are applied in one transaction
 * @param batchLinger how long the first message of a batch waits for others to join it; the ingest never waits
 *     longer while a batch is being committed, since messages queue up meanwhile
 */
@ConfigurationProperties("maillage.ingest")
public record IngestConfiguration(
        @Bindable(defaultValue = "true") boolean enabled,
        @NotBlank @Bindable(defaultValue = "tcp://127.0.0.1:1883") String brokerUri,
        @Nullable String clientId,
        @NotBlank @Bindable(defaultValue = "maillage") String sharedGroup,
        @Nullable String username,
        @Nullable String password,
        @Bindable(defaultValue = "1h") Duration sessionExpiry,
        @Min(1) @Bindable(defaultValue = "1000") int receiveMaximum,
        @Min(1024) @Bindable(defaultValue = "65536") int maxPayloadBytes,
        @Bindable(defaultValue = "2s") Duration retryDelay,
        @Min(1) @Bindable(defaultValue = "500") int batchSize,
        @Bindable(defaultValue = "5ms") Duration batchLinger) {}
