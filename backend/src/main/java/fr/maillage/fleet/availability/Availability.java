package fr.maillage.fleet.availability;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.time.LocalDate;

/**
 * Availability of a site or device over one period, counted only inside its opening hours.
 *
 * @param start first day of the period
 * @param end the day after the last
 * @param openSeconds opening time in the period (up to now)
 * @param onlineSeconds open time spent ONLINE
 * @param degradedSeconds open time spent DEGRADED (usable, so counted as available)
 * @param offlineSeconds open time spent OFFLINE
 * @param unknownSeconds open time with no known state (before the first message, or UNKNOWN)
 * @param availability (online + degraded) / (online + degraded + offline); null when nothing is known
 * @param failures outages (OFFLINE intervals) whose first open moment falls in the period
 * @param mtbfSeconds mean time between failures: available open time / failures; null without failures
 * @param mttrSeconds mean time to repair: offline open time / failures; null without failures
 */
@Serdeable
public record Availability(
        LocalDate start,
        LocalDate end,
        long openSeconds,
        long onlineSeconds,
        long degradedSeconds,
        long offlineSeconds,
        long unknownSeconds,
        @Nullable Double availability,
        int failures,
        @Nullable Long mtbfSeconds,
        @Nullable Long mttrSeconds) {}
