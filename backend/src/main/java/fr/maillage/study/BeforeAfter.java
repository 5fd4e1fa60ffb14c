package fr.maillage.study;

import com.fasterxml.jackson.annotation.JsonInclude;
import fr.maillage.territory.indicator.Disclosure;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.time.Instant;
import java.util.List;

/**
 * A site's catchment in the twelve months before and after it opened, next to comparable communes without a site.
 *
 * @param siteId the site
 * @param opening start of the site's first recorded session (the opening used); null when it has none yet
 * @param registeredAt when the backend first heard of the site (its registration), for comparison only
 * @param radiusKm radius of the catchment, and of "no site nearby" for the comparison group
 * @param before the twelve months before the opening, start included, end excluded
 * @param after the twelve months from the opening
 * @param afterComplete whether the after window has ended
 * @param catchment communes whose centroid lies within the radius of the site
 * @param comparison communes of the site's département in the catchment's APL band with no site within the radius
 * @param differences the catchment's change minus the comparison group's, where both are known
 * @param caveats printed with the figures
 */
@Serdeable
@JsonInclude(JsonInclude.Include.ALWAYS)
public record BeforeAfter(String siteId, @Nullable Instant opening, @Nullable Instant registeredAt, double radiusKm,
        @Nullable Window before, @Nullable Window after, boolean afterComplete, @Nullable Group catchment,
        @Nullable Group comparison, @Nullable Differences differences, List<String> caveats) {

    /** A half-open interval of instants. */
    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record Window(Instant from, Instant to) {}

    /**
     * @param communes communes of the group
     * @param population their population municipale
     * @param aplBand the APL band of the group: {@code <2.5}, {@code 2.5-4}, {@code >=4}
     * @param aplYearBefore the APL millésime before: the latest earlier than the opening's year
     * @param aplBefore APL weighted by standardised population, that millésime
     * @param aplYearAfter the latest millésime not after the end of the after window
     * @param aplAfter the same, that millésime
     * @param aplChange after minus before; null when no later millésime is published
     * @param sessionsBefore the group's residents' sessions in the window before
     * @param sessionsAfter and after
     */
    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record Group(int communes, long population, @Nullable String aplBand, @Nullable Integer aplYearBefore,
            @Nullable Double aplBefore, @Nullable Integer aplYearAfter, @Nullable Double aplAfter,
            @Nullable Double aplChange, Sessions sessionsBefore, Sessions sessionsAfter) {}

    /**
     * Finished sessions of a group's residents in one window, wherever they were held.
     *
     * @param total all of them
     * @param bySite {@code AT_SITE} (the site studied) and {@code NEIGHBOURING_SITES} (every other site), suppressed
     *     as a distribution
     * @param neighbouringSitesPer1000 sessions at other sites per 1,000 inhabitants of the group
     * @param withoutRegularDoctorShare sessions of patients without a médecin traitant among those who answered
     */
    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record Sessions(Disclosure.Figure total, List<Disclosure.Cell> bySite,
            Disclosure.Figure neighbouringSitesPer1000, Disclosure.Figure withoutRegularDoctorShare) {}

    /**
     * (catchment after − before) − (comparison after − before): a difference in differences, not a causal effect.
     *
     * @param neighbouringSitesPer1000 of the rate of sessions at other sites
     * @param withoutRegularDoctorShare of the share without a regular doctor
     * @param aplChange of the APL change
     */
    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record Differences(@Nullable Double neighbouringSitesPer1000, @Nullable Double withoutRegularDoctorShare,
            @Nullable Double aplChange) {}
}
