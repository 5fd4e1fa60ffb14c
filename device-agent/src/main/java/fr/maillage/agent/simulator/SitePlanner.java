package fr.maillage.agent.simulator;

import fr.maillage.agent.commune.Commune;
import fr.maillage.agent.commune.CommuneDirectory;
import fr.maillage.contract.DeviceKind;
import fr.maillage.contract.SiteDescriptor;
import fr.maillage.contract.SiteKind;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.ToDoubleFunction;
import java.util.random.RandomGenerator;

/**
 * Places virtual sites in real communes with a mix of site kinds: the départements take turns, so every one of them
 * has sites however few are asked for, and within a département more sites go where more people live.
 */
final class SitePlanner {

    private static final Map<SiteKind, Double> SHARES = new EnumMap<>(Map.of(
            SiteKind.PHARMACY, 0.35,
            SiteKind.CABIN, 0.30,
            SiteKind.HEALTH_CENTRE, 0.20,
            SiteKind.PUBLIC_SERVICE_POINT, 0.15));
    private static final Weighted<SiteKind> KINDS = Weighted.of(SHARES);

    private static final Map<SiteKind, List<DeviceKind>> PERIPHERALS = new EnumMap<>(Map.of(
            SiteKind.CABIN, List.of(DeviceKind.CAMERA, DeviceKind.STETHOSCOPE, DeviceKind.OTOSCOPE,
                    DeviceKind.DERMATOSCOPE, DeviceKind.BLOOD_PRESSURE_MONITOR, DeviceKind.PULSE_OXIMETER,
                    DeviceKind.THERMOMETER),
            SiteKind.HEALTH_CENTRE, List.of(DeviceKind.CAMERA, DeviceKind.STETHOSCOPE, DeviceKind.OTOSCOPE,
                    DeviceKind.BLOOD_PRESSURE_MONITOR, DeviceKind.PULSE_OXIMETER, DeviceKind.ECG),
            SiteKind.PHARMACY, List.of(DeviceKind.CAMERA, DeviceKind.STETHOSCOPE, DeviceKind.OTOSCOPE,
                    DeviceKind.BLOOD_PRESSURE_MONITOR, DeviceKind.PULSE_OXIMETER, DeviceKind.THERMOMETER),
            SiteKind.PUBLIC_SERVICE_POINT, List.of(DeviceKind.CAMERA, DeviceKind.STETHOSCOPE,
                    DeviceKind.BLOOD_PRESSURE_MONITOR, DeviceKind.PULSE_OXIMETER)));

    /** How busy each kind is relative to the others (sessions a day, before the rate scales them). */
    private static final Map<SiteKind, Double> ACTIVITY = new EnumMap<>(Map.of(
            SiteKind.CABIN, 4.0,
            SiteKind.HEALTH_CENTRE, 6.0,
            SiteKind.PHARMACY, 3.0,
            SiteKind.PUBLIC_SERVICE_POINT, 2.0));
    /** The fleet's mean of {@link #ACTIVITY}, so that a rate is the mean over the fleet whatever the mix. */
    private static final double MEAN_ACTIVITY = mean(kind -> ACTIVITY.get(kind));
    /** The fleet's mean opening hours a day, to turn a rate per hour into a rate per day. */
    static final double MEAN_OPEN_HOURS = mean(kind -> OpeningHours.of(kind).minutesPerDay() / 60.0);

    /** Spread of a site's position around its commune's centroid, in degrees (about a kilometre). */
    private static final double POSITION_JITTER = 0.01;

    private SitePlanner() {}

    /** Places {@code count} sites whose mean activity is {@code rate}. */
    static List<SitePlan> place(CommuneDirectory directory, int count, SessionRate rate, RandomGenerator random) {
        double perDay = rate.perOpenDay(MEAN_OPEN_HOURS);
        // Weighting the whole directory by population would put nearly every site in Meurthe-et-Moselle (Nancy):
        // the network is a département-level programme, so each département gets its turn.
        Map<String, Map<Commune, Integer>> byDepartement = new TreeMap<>();
        directory.all().forEach(c -> byDepartement.computeIfAbsent(c.departement(), d -> new LinkedHashMap<>())
                .put(c, Math.max(c.population(), 1)));
        List<Weighted<Commune>> departements = byDepartement.values().stream().map(Weighted::of).toList();
        Map<String, Integer> taken = new HashMap<>();
        List<SitePlan> plans = new ArrayList<>(count);
        for (int index = 0; index < count; index++) {
            Commune commune = departements.get(index % departements.size()).pick(random);
            SiteKind kind = KINDS.pick(random);
            String slug = kind.name().toLowerCase(Locale.ROOT).replace('_', '-');
            int rank = taken.merge(commune.inseeCode() + slug, 1, Integer::sum);
            String siteId = commune.inseeCode().toLowerCase(Locale.ROOT) + "-" + slug + "-" + rank;
            SiteDescriptor descriptor = new SiteDescriptor(
                    name(kind, commune, rank),
                    kind,
                    commune.inseeCode(),
                    round(commune.latitude() + (random.nextDouble() - 0.5) * POSITION_JITTER),
                    round(commune.longitude() + (random.nextDouble() - 0.5) * POSITION_JITTER));
            double sessions = perDay * ACTIVITY.get(kind) / MEAN_ACTIVITY * (0.5 + random.nextDouble());
            plans.add(new SitePlan(index, siteId, descriptor, commune, PERIPHERALS.get(kind), sessions));
        }
        return plans;
    }

    private static double mean(ToDoubleFunction<SiteKind> value) {
        return SHARES.entrySet().stream().mapToDouble(e -> e.getValue() * value.applyAsDouble(e.getKey())).sum();
    }

    private static String name(SiteKind kind, Commune commune, int rank) {
        String base = switch (kind) {
            case CABIN -> "Cabine de téléconsultation de ";
            case HEALTH_CENTRE -> "MSP de ";
            case PHARMACY -> "Pharmacie de ";
            case PUBLIC_SERVICE_POINT -> "France services de ";
        };
        return base + commune.name() + (rank > 1 ? " n° " + rank : "");
    }

    private static double round(double degrees) {
        return Math.round(degrees * 100_000) / 100_000.0;
    }
}
