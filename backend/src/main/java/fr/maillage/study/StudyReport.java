package fr.maillage.study;

import com.fasterxml.jackson.annotation.JsonInclude;
import fr.maillage.territory.indicator.Disclosure;
import fr.maillage.territory.indicator.Period;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.util.List;

/**
 * The e-Meuse study's headline figures for a territory and period.
 *
 * @param level communes, epci or departements
 * @param codes the territories taken together
 * @param placement whether sessions are counted at the territory's sites ({@code site}) or for its residents
 *     ({@code residence})
 * @param period the days counted
 * @param sessions finished sessions; null when 1 to 10 (then every figure below is suppressed too)
 * @param hardToAccess patients who came because a usual consultation was hard to get (e-Meuse: 93.26 %)
 * @param satisfaction satisfaction 0–10 of those who answered (e-Meuse: 9.45)
 * @param strengthenedRole sessions whose assisting professional agreed or strongly agreed that the practice
 *     strengthens their role, among those where they answered (e-Meuse: over 80 %)
 * @param distanceToSiteKm sessions by band of distance from the patient's commune to the site
 * @param distanceToNearestGpKm sessions by band of distance from the patient's commune to the nearest commune with
 *     a general practitioner (RPPS); null when no care supply was imported
 * @param fragileResidence sessions of patients living in a commune whose APL is under 2.5
 * @param distanceToSite mean and median of the distance to the site
 * @param distanceToNearestGp mean and median of the distance to the nearest commune with a general practitioner;
 *     null when no care supply was imported
 * @param notes caveats printed with the figures
 */
@Serdeable
@JsonInclude(JsonInclude.Include.ALWAYS)
public record StudyReport(String level, List<String> codes, String placement, Period period,
        @Nullable Long sessions, Proportion hardToAccess, Mean satisfaction, Proportion strengthenedRole,
        List<Disclosure.Cell> distanceToSiteKm, @Nullable List<Disclosure.Cell> distanceToNearestGpKm,
        Proportion fragileResidence, Distances distanceToSite, @Nullable Distances distanceToNearestGp,
        List<String> notes) {

    /**
     * Distances of the sessions whose distance is known, in km; values null when suppressed.
     *
     * @param n sessions
     * @param meanKm their mean
     * @param medianKm the lower median
     */
    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record Distances(@Nullable Long n, @Nullable Double meanKm, @Nullable Double medianKm,
            boolean suppressed) {}

    /**
     * A proportion with its 95 % Wilson interval; values null when suppressed.
     *
     * @param n the denominator (sessions)
     * @param count the numerator
     */
    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record Proportion(@Nullable Long n, @Nullable Long count, @Nullable Double share,
            @Nullable Double ciLow, @Nullable Double ciHigh, boolean suppressed) {}

    /**
     * A mean with its 95 % Student t interval; values null when suppressed.
     *
     * @param n answers
     * @param standardDeviation the sample standard deviation
     */
    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record Mean(@Nullable Long n, @Nullable Double mean, @Nullable Double standardDeviation,
            @Nullable Double ciLow, @Nullable Double ciHigh, boolean suppressed) {}
}
