package fr.maillage.portal;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.util.List;

/**
 * A finished session as typed in the portal's form: the agent form's fields, raw, named as its inputs.
 * Times are the form's local date-times (French time, {@code 2026-03-14T09:30}); an ISO instant is accepted too.
 */
@Serdeable
record SessionForm(
        @Nullable String startedAt,
        @Nullable String endedAt,
        @Nullable String professional,
        @Nullable String specialty,
        @Nullable String reason,
        @Nullable String ageBand,
        @Nullable String sex,
        @Nullable String commune,
        @Nullable String regularDoctor,
        @Nullable List<String> devices,
        @Nullable String outcome,
        @Nullable String satisfaction,
        @Nullable String roleStrengthened) {}
