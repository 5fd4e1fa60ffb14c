package fr.maillage.fleet;

import fr.maillage.contract.Health;
import fr.maillage.contract.SiteKind;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import java.time.Instant;

/**
 * A site as stored. Receive times ({@code connectionChangedAt}, {@code lastStatusAt}) drive state because agent
 * clocks drift; the agent's own time is kept beside them for the record.
 *
 * @param state the state recorded by the fleet state machine (births, Wills, heartbeats, probes, hysteresis)
 * @param stateSince when that state began, by the backend's clock
 * @param stateReason why the site is in that state ({@link fr.maillage.fleet.state.Observation.Reason})
 * @param openingHours the site's own opening hours; null for the default of its kind
 */
@MappedEntity("site")
public record Site(
        @Id String id,
        @Nullable String name,
        @Nullable SiteKind kind,
        @Nullable String inseeCode,
        @Nullable Double latitude,
        @Nullable Double longitude,
        SiteConnection connection,
        long connSeq,
        @Nullable Instant connectionChangedAt,
        @Nullable Health health,
        long lastStatusSeq,
        @Nullable Instant lastStatusAt,
        @Nullable Instant lastStatusOccurredAt,
        @Nullable Integer heartbeatSeconds,
        @Nullable String agentVersion,
        Instant createdAt,
        SiteState state,
        @Nullable Instant stateSince,
        @Nullable String stateReason,
        @Nullable String openingHours) {}
