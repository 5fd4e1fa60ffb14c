package fr.maillage.territory.indicator;

import fr.maillage.contract.PatientProfile;
import fr.maillage.contract.SessionDetails;
import fr.maillage.territory.Thresholds;
import fr.maillage.territory.importer.Profession;
import fr.maillage.territory.indicator.IndicatorQueries.Placement;
import fr.maillage.territory.indicator.IndicatorQueries.RawActivity;
import jakarta.inject.Singleton;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/** Computes the indicators of a territory from the queries' raw counts, applying the secret statistique. */
@Singleton
public class IndicatorService {

    /** Reasons meaning that a usual consultation was hard to get (the e-Meuse study's headline). */
    public static final Set<SessionDetails.RecourseReason> HARD_TO_ACCESS = EnumSet.of(
            SessionDetails.RecourseReason.NO_REGULAR_DOCTOR,
            SessionDetails.RecourseReason.REGULAR_DOCTOR_UNAVAILABLE,
            SessionDetails.RecourseReason.NO_APPOINTMENT_IN_TIME,
            SessionDetails.RecourseReason.DOCTOR_TOO_FAR,
            SessionDetails.RecourseReason.SPECIALIST_ACCESS,
            SessionDetails.RecourseReason.OUT_OF_HOURS);

    private static final String UNKNOWN = "UNKNOWN";

    private final IndicatorQueries queries;

    IndicatorService(IndicatorQueries queries) {
        this.queries = queries;
    }

    public TerritoryIndicators indicators(TerritorySelection requested, Period period) throws SQLException {
        TerritorySelection selection = queries.resolved(requested);
        IndicatorQueries.Territory territory = queries.territory(selection);
        long population = territory.population();
        TerritoryIndicators.Activity byResidence =
                activity(queries.activity(selection, Placement.RESIDENCE, period), population);
        TerritoryIndicators.Activity bySite = activity(queries.activity(selection, Placement.SITE, period), population);
        IndicatorQueries.Apl apl = queries.apl(selection, period.to().getYear(), Thresholds.APL_FRAGILE_THRESHOLD);
        List<TerritoryIndicators.ProfessionSupply> professions = queries.supply(selection).stream()
                .map(s -> new TerritoryIndicators.ProfessionSupply(s.profession(),
                        Profession.valueOf(s.profession()).label(), s.practitioners(), s.liberalPractitioners(),
                        per(s.liberalPractitioners(), population, 10_000)))
                .toList();
        Double gps = professions.stream()
                .filter(p -> p.profession().equals(Profession.GENERAL_PRACTITIONER.name()))
                .findFirst()
                .map(TerritoryIndicators.ProfessionSupply::liberalPer10000)
                .orElse(null);
        Map<String, Long> kinds = queries.sitesByKind(selection);
        return new TerritoryIndicators(
                new TerritoryIndicators.TerritoryInfo(selection.level().path(), selection.codes(), territory.names(),
                        territory.communes(), population),
                period,
                byResidence,
                bySite,
                supply(apl, gps, professions, queries.elderly(selection)),
                new TerritoryIndicators.Sites(kinds.values().stream().mapToLong(Long::longValue).sum(), kinds));
    }

    private static TerritoryIndicators.Supply supply(IndicatorQueries.Apl apl, Double gps,
            List<TerritoryIndicators.ProfessionSupply> professions, IndicatorQueries.Elderly elderly) {
        boolean aged = elderly.communes() > 0;
        return new TerritoryIndicators.Supply(apl.year(), apl.weighted(), apl.communes(), apl.fragilePopulation(), gps,
                professions, elderly.year(), elderly.communes(), aged ? elderly.aged65Plus() : null,
                aged && elderly.population() > 0 ? elderly.aged65Plus() / elderly.population() : null);
    }

    static TerritoryIndicators.Activity activity(RawActivity raw, long population) {
        long total = raw.total();
        long without = raw.regularDoctor().getOrDefault("FALSE", 0L);
        long answered = without + raw.regularDoctor().getOrDefault("TRUE", 0L);
        long hard = raw.reasons().entrySet().stream()
                .filter(e -> HARD_TO_ACCESS.stream().anyMatch(r -> r.name().equals(e.getKey())))
                .mapToLong(Map.Entry::getValue)
                .sum();
        Disclosure.Figure satisfaction = Disclosure.isSecret(raw.satisfactionAnswers())
                ? new Disclosure.Figure(null, true)
                : new Disclosure.Figure(raw.satisfactionAnswers() == 0 ? null
                        : (double) raw.satisfactionSum() / raw.satisfactionAnswers(), false);
        return new TerritoryIndicators.Activity(
                Disclosure.count(total),
                Disclosure.rate(total, population, 1_000),
                Disclosure.share(without, answered),
                Disclosure.share(hard, total),
                Disclosure.distribution(complete(raw.reasons(), SessionDetails.RecourseReason.values()), total),
                Disclosure.distribution(complete(raw.ageBands(), PatientProfile.AgeBand.values()), total),
                Disclosure.distribution(complete(raw.outcomes(), SessionDetails.Outcome.values()), total),
                satisfaction);
    }

    /** Every category of the enum, and UNKNOWN, present with its count (0 when none) so the shape never varies. */
    private static Map<String, Long> complete(Map<String, Long> counts, Enum<?>[] categories) {
        Map<String, Long> all = Arrays.stream(categories)
                .collect(Collectors.toMap(Enum::name, c -> 0L, Long::sum, TreeMap::new));
        all.put(UNKNOWN, 0L);
        counts.forEach((code, count) -> all.merge(code, count, Long::sum));
        return all;
    }

    private static Double per(long count, long population, int per) {
        return population > 0 ? count * (double) per / population : null;
    }
}
