package fr.maillage.territory.indicator;

import com.fasterxml.jackson.annotation.JsonInclude;
import fr.maillage.territory.indicator.Disclosure.Cell;
import fr.maillage.territory.indicator.Disclosure.Figure;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.util.List;
import java.util.Map;

/**
 * The indicators of a territory over a period, as the API returns them.
 *
 * @param territory what was selected
 * @param period the days counted
 * @param byResidence sessions of patients living in the territory, wherever the site
 * @param bySite sessions held at sites of the territory, wherever the patients live
 * @param supply care supply next to the activity
 * @param sites sites located in the territory
 */
@Serdeable
@JsonInclude(JsonInclude.Include.ALWAYS)
public record TerritoryIndicators(
        TerritoryInfo territory, Period period, Activity byResidence, Activity bySite, Supply supply, Sites sites) {

    /**
     * @param level the level
     * @param codes the codes taken together
     * @param names their names (communes, EPCI) or codes (départements)
     * @param communes communes of the territory
     * @param population population municipale of those communes
     */
    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record TerritoryInfo(String level, List<String> codes, List<String> names, int communes, long population) {}

    /**
     * @param teleconsultations finished sessions
     * @param per1000Inhabitants teleconsultations per 1,000 inhabitants of the territory
     * @param withoutRegularDoctorShare patients without a médecin traitant among those who answered
     * @param hardToAccessShare sessions whose reason says a usual consultation was hard to get
     * @param recourseReasons distribution of the reasons
     * @param ageBands distribution of the age bands
     * @param outcomes distribution of the outcomes
     * @param meanSatisfaction mean satisfaction (0–10) of those who answered
     */
    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record Activity(
            Figure teleconsultations,
            Figure per1000Inhabitants,
            Figure withoutRegularDoctorShare,
            Figure hardToAccessShare,
            List<Cell> recourseReasons,
            List<Cell> ageBands,
            List<Cell> outcomes,
            Figure meanSatisfaction) {}

    /**
     * @param aplYear the APL millésime used
     * @param apl APL to GPs weighted by standardised population
     * @param aplCommunes communes with an APL value that year
     * @param populationInFragileCommunes population of communes with APL under 2.5
     * @param gpsPer10000 libéral general practitioners per 10,000 inhabitants (null without RPPS import)
     * @param professions every profession imported
     * @param ageStructureYear latest INSEE census year of the age structures used, null when none is imported
     * @param ageStructureCommunes communes of the territory with an age structure (the 65+ figures count those)
     * @param population65Plus inhabitants aged 65 and over: Σ population municipale × INSEE's share of 65+
     * @param share65Plus the same over the population of those communes
     */
    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record Supply(
            @Nullable Integer aplYear,
            @Nullable Double apl,
            int aplCommunes,
            long populationInFragileCommunes,
            @Nullable Double gpsPer10000,
            List<ProfessionSupply> professions,
            @Nullable Integer ageStructureYear,
            int ageStructureCommunes,
            @Nullable Double population65Plus,
            @Nullable Double share65Plus) {}

    /**
     * @param profession the profession code
     * @param label its French label
     * @param practitioners distinct practitioners, all modes of practice
     * @param liberalPractitioners of whom libéral
     * @param liberalPer10000 libéral practitioners per 10,000 inhabitants
     */
    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record ProfessionSupply(
            String profession, String label, long practitioners, long liberalPractitioners,
            @Nullable Double liberalPer10000) {}

    /**
     * @param total sites in the territory
     * @param byKind sites per kind (CABIN, HEALTH_CENTRE, PHARMACY, PUBLIC_SERVICE_POINT, UNKNOWN)
     */
    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record Sites(long total, Map<String, Long> byKind) {}
}
