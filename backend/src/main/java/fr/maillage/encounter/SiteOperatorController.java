package fr.maillage.encounter;

import fr.maillage.security.Roles;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Put;
import io.micronaut.http.exceptions.HttpStatusException;
import io.micronaut.security.annotation.Secured;
import io.micronaut.serde.annotation.Serdeable;
import java.util.List;
import java.util.regex.Pattern;

/**
 * {@code PUT /api/site-operators/{id}}: an admin records an organisation that runs sites, and which sites it runs
 * (the wire contract does not say). It is what {@code GET /fhir/Organization/{id}} serves, and the owner of those
 * sites' Locations and Devices.
 */
@Controller("/api/site-operators")
@Secured(Roles.ADMIN)
class SiteOperatorController {

    private static final Pattern ID = Pattern.compile("[A-Za-z0-9.-]{1,64}");
    private static final Pattern SIREN = Pattern.compile("[0-9]{9}");

    private final SiteOperatorStore store;

    SiteOperatorController(SiteOperatorStore store) {
        this.store = store;
    }

    /**
     * @param sites every site the operator runs: sites it ran before and that are not listed lose it
     */
    @Serdeable
    record SiteOperatorUpdate(
            @Nullable String name,
            @Nullable String siren,
            @Nullable String email,
            @Nullable Boolean active,
            @Nullable List<String> sites) {}

    @Put("/{id}")
    SiteOperatorUpdate put(@PathVariable String id, @Body SiteOperatorUpdate update) {
        if (!ID.matcher(id).matches()) {
            throw new HttpStatusException(HttpStatus.BAD_REQUEST, "an operator id is 1 to 64 letters, digits, '-' or"
                    + " '.' (it is the FHIR Organization id): " + id);
        }
        if (update.name() == null || update.name().isBlank() || update.name().length() > 200) {
            throw new HttpStatusException(HttpStatus.BAD_REQUEST, "name is required, at most 200 characters");
        }
        if (update.siren() != null && !SIREN.matcher(update.siren()).matches()) {
            throw new HttpStatusException(HttpStatus.BAD_REQUEST, "a SIREN has nine digits: " + update.siren());
        }
        List<String> sites = update.sites() == null ? List.of() : update.sites();
        List<String> unknown = store.save(new SiteOperatorResource(id, update.name(), update.siren(), update.email(),
                update.active() == null || update.active()), sites);
        if (!unknown.isEmpty()) {
            throw new HttpStatusException(HttpStatus.NOT_FOUND, "no site has the id(s) " + unknown);
        }
        return update;
    }
}
