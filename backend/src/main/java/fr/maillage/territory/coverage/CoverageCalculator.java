package fr.maillage.territory.coverage;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Coverage, unmet need and new-site proposals on communes and sites already loaded. A commune is covered when
 * a site lies within the radius of its centroid (great circle).
 */
public final class CoverageCalculator {

    private CoverageCalculator() {}

    /**
     * @param radiusKm the radius used
     * @param communes communes of the territory
     * @param coveredCommunes of which within the radius of a site
     * @param population their population
     * @param coveredPopulation population of the covered communes
     * @param fragilePopulation population of communes with APL under 2.5
     * @param coveredFragilePopulation of which covered
     * @param ageStructureCommunes communes with an INSEE age structure; the two 65+ figures count only those
     * @param population65Plus inhabitants aged 65 and over (population municipale × INSEE's share), null when no
     *     commune has an age structure
     * @param coveredPopulation65Plus of which in covered communes, null likewise
     */
    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record Summary(double radiusKm, int communes, int coveredCommunes, long population, long coveredPopulation,
            long fragilePopulation, long coveredFragilePopulation, int ageStructureCommunes,
            @Nullable Double population65Plus, @Nullable Double coveredPopulation65Plus) {}

    /**
     * A commune ranked by unmet need.
     *
     * @param code INSEE code
     * @param name name
     * @param population population
     * @param apl APL
     * @param share65Plus share of inhabitants aged 65 and over, null without age structure
     * @param nearestSiteKm distance to the nearest site, null without any site
     * @param need need-weighted population (see README)
     */
    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record Priority(String code, String name, long population, @Nullable Double apl,
            @Nullable Double share65Plus, @Nullable Double nearestSiteKm, double need) {}

    /**
     * An EPCI ranked by the unmet need of its uncovered fragile communes.
     *
     * @param siren the EPCI
     * @param uncoveredFragileCommunes its fragile communes with no site within the radius
     * @param population their population
     * @param need their need-weighted population
     */
    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record EpciPriority(String siren, int uncoveredFragileCommunes, long population, double need) {}

    /**
     * One proposed new site.
     *
     * @param rank order of choice
     * @param code commune proposed
     * @param name its name
     * @param gain need-weighted population it newly covers
     * @param objective need-weighted population newly covered by the proposals up to this one
     * @param newlyCovered the communes it newly covers, largest need first
     */
    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record Proposal(int rank, String code, String name, double gain, double objective, List<String> newlyCovered) {}

    public static Summary summary(List<Place> communes, List<SitePosition> sites, double radiusKm) {
        int covered = 0;
        int aged = 0;
        double elderly = 0;
        double coveredElderly = 0;
        long population = 0;
        long coveredPopulation = 0;
        long fragile = 0;
        long coveredFragile = 0;
        for (Place place : communes) {
            boolean isCovered = nearestKm(place, sites) <= radiusKm;
            population += place.population();
            if (place.isFragile()) {
                fragile += place.population();
            }
            Double aged65Plus = place.aged65Plus();
            if (aged65Plus != null) {
                aged++;
                elderly += aged65Plus;
                coveredElderly += isCovered ? aged65Plus : 0;
            }
            if (isCovered) {
                covered++;
                coveredPopulation += place.population();
                if (place.isFragile()) {
                    coveredFragile += place.population();
                }
            }
        }
        return new Summary(radiusKm, communes.size(), covered, population, coveredPopulation, fragile, coveredFragile,
                aged, aged == 0 ? null : elderly, aged == 0 ? null : coveredElderly);
    }

    /**
     * Fragile communes with no site within the radius, largest need first; {@code elderlyWeight} is what an
     * inhabitant aged 65 and over counts for in the need ({@link Place#need}).
     */
    public static List<Priority> priorities(List<Place> communes, List<SitePosition> sites, double radiusKm,
            double elderlyWeight) {
        return communes.stream()
                .filter(Place::isFragile)
                .map(place -> Map.entry(place, nearestKm(place, sites)))
                .filter(entry -> entry.getValue() > radiusKm)
                .map(entry -> new Priority(entry.getKey().code(), entry.getKey().name(), entry.getKey().population(),
                        entry.getKey().apl(), entry.getKey().share65Plus(),
                        Double.isInfinite(entry.getValue()) ? null : entry.getValue(),
                        entry.getKey().need(elderlyWeight)))
                .sorted(Comparator.comparingDouble(Priority::need).reversed().thenComparing(Priority::code))
                .toList();
    }

    public static List<EpciPriority> epciPriorities(List<Place> communes, List<Priority> priorities) {
        Map<String, String> epciOf = new HashMap<>();
        communes.forEach(place -> epciOf.put(place.code(), place.epciSiren() == null ? "" : place.epciSiren()));
        Map<String, EpciPriority> byEpci = new LinkedHashMap<>();
        for (Priority priority : priorities) {
            byEpci.merge(epciOf.get(priority.code()),
                    new EpciPriority(epciOf.get(priority.code()), 1, priority.population(), priority.need()),
                    (a, b) -> new EpciPriority(a.siren(), a.uncoveredFragileCommunes() + 1,
                            a.population() + b.population(), a.need() + b.need()));
        }
        return byEpci.values().stream()
                .sorted(Comparator.comparingDouble(EpciPriority::need).reversed().thenComparing(EpciPriority::siren))
                .toList();
    }

    /**
     * Greedy maximal covering: picks, {@code count} times, the candidate commune whose site would newly cover the
     * largest need-weighted population not covered by existing sites or earlier picks. Greedy is within 1 − 1/e of
     * the optimum; ties go to the smaller INSEE code so the answer is reproducible. Which communes each candidate
     * would cover is computed once (candidates × communes distances), each round then only adds up needs.
     */
    public static List<Proposal> propose(List<Place> communes, List<Place> candidates, List<SitePosition> sites,
            double radiusKm, int count, double elderlyWeight) {
        Map<String, Double> need = new HashMap<>();
        communes.forEach(place -> need.put(place.code(), place.need(elderlyWeight)));
        Set<String> covered = new HashSet<>();
        for (Place place : communes) {
            if (nearestKm(place, sites) <= radiusKm) {
                covered.add(place.code());
            }
        }
        List<Place> needy = communes.stream().filter(place -> need.get(place.code()) > 0 && !covered.contains(place.code()))
                .toList();
        Map<Place, List<Place>> reach = new LinkedHashMap<>();
        candidates.stream().sorted(Comparator.comparing(Place::code)).forEach(candidate -> reach.put(candidate,
                needy.stream().filter(place -> place.km(candidate.lat(), candidate.lon()) <= radiusKm).toList()));
        List<Proposal> proposals = new ArrayList<>();
        double objective = 0;
        for (int rank = 1; rank <= count; rank++) {
            Place best = null;
            double bestGain = 0;
            for (Map.Entry<Place, List<Place>> entry : reach.entrySet()) {
                double gain = entry.getValue().stream()
                        .filter(place -> !covered.contains(place.code()))
                        .mapToDouble(place -> need.get(place.code()))
                        .sum();
                if (gain > bestGain) {
                    best = entry.getKey();
                    bestGain = gain;
                }
            }
            if (best == null) {
                break;
            }
            List<String> newly = reach.get(best).stream()
                    .filter(place -> !covered.contains(place.code()))
                    .sorted(Comparator.comparingDouble((Place place) -> need.get(place.code())).reversed()
                            .thenComparing(Place::code))
                    .map(Place::code)
                    .toList();
            covered.addAll(newly);
            objective += bestGain;
            proposals.add(new Proposal(rank, best.code(), best.name(), bestGain, objective, newly));
        }
        return proposals;
    }

    static double nearestKm(Place place, List<SitePosition> sites) {
        double nearest = Double.POSITIVE_INFINITY;
        for (SitePosition site : sites) {
            nearest = Math.min(nearest, place.km(site.lat(), site.lon()));
        }
        return nearest;
    }
}
