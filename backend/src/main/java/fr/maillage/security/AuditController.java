package fr.maillage.security;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.security.annotation.Secured;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

/** Admins read the audit trail; nobody can change it. */
@Controller("/api/admin/audit")
@Secured(Roles.ADMIN)
class AuditController {

    private final AuditRecordRepository records;

    AuditController(AuditRecordRepository records) {
        this.records = records;
    }

    /** Records between {@code from} (default: a day ago) and {@code to} (default: now), optionally of one user. */
    @Get
    List<AuditRecord> list(
            @Nullable @QueryValue Instant from, @Nullable @QueryValue Instant to, @Nullable @QueryValue String user) {
        Instant end = to == null ? Instant.now() : to;
        Instant start = from == null ? end.minus(1, ChronoUnit.DAYS) : from;
        return user == null
                ? records.findByAtBetweenOrderById(start, end)
                : records.findByUsernameAndAtBetweenOrderById(user, start, end);
    }
}
