package fr.maillage.territory.indicator;

import io.micronaut.jdbc.DataSourceResolver;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import javax.sql.DataSource;

/**
 * The SQL behind the indicators. Encounters and sites are placed in communes through
 * {@code commune_former_code}, so a former (délégué, associé, merged) code counts for the commune it belongs to
 * now. Only finished sessions count as teleconsultations.
 */
@Singleton
class IndicatorQueries {

    /** Whether activity is placed by the patient's commune of residence or by the site's commune. */
    enum Placement {
        RESIDENCE,
        SITE
    }

    record Territory(List<String> names, int communes, long population) {}

    /** Counts before any suppression. Each map covers every session, with {@code UNKNOWN} for unrecorded values. */
    record RawActivity(
            long total,
            Map<String, Long> regularDoctor,
            Map<String, Long> reasons,
            Map<String, Long> ageBands,
            Map<String, Long> outcomes,
            long satisfactionSum,
            long satisfactionAnswers) {

        /** The activity of two disjoint sets of sessions together. */
        RawActivity plus(RawActivity other) {
            return new RawActivity(total + other.total, merged(regularDoctor, other.regularDoctor),
                    merged(reasons, other.reasons), merged(ageBands, other.ageBands), merged(outcomes, other.outcomes),
                    satisfactionSum + other.satisfactionSum, satisfactionAnswers + other.satisfactionAnswers);
        }

        private static Map<String, Long> merged(Map<String, Long> a, Map<String, Long> b) {
            Map<String, Long> sum = new TreeMap<>(a);
            b.forEach((category, count) -> sum.merge(category, count, Long::sum));
            return sum;
        }
    }

    record Apl(Integer year, Double weighted, int communes, long fragilePopulation) {}

    record Supply(String profession, long practitioners, long liberalPractitioners) {}

    /**
     * Older inhabitants of a territory from INSEE's latest age structure of each commune.
     *
     * @param year latest census year among the communes counted, null when none has an age structure
     * @param aged65Plus Σ population municipale × share aged 65+, over the communes with an age structure
     * @param population Σ population municipale of those communes
     * @param communes how many they are
     */
    record Elderly(Integer year, double aged65Plus, long population, int communes) {}

    private static final String FINISHED = "finished";

    private final DataSource dataSource;

    IndicatorQueries(DataSource dataSource, DataSourceResolver resolver) {
        this.dataSource = resolver.resolve(dataSource);
    }

    private static String communesOf(TerritorySelection selection) {
        return "SELECT insee_code, population FROM commune WHERE " + selection.level().communeColumn()
                + " = ANY (?::text[])";
    }

    /** The selection with every former commune code replaced by the current commune's. */
    TerritorySelection resolved(TerritorySelection selection) throws SQLException {
        if (selection.level() != TerritoryLevel.COMMUNES) {
            return selection;
        }
        String sql = """
                SELECT DISTINCT ON (current) current FROM (
                    SELECT code, coalesce(
                        (SELECT f.insee_code FROM commune_former_code f
                         WHERE f.former_code = code AND NOT EXISTS (SELECT 1 FROM commune c WHERE c.insee_code = code)),
                        code) AS current, ordinality
                    FROM unnest(?::text[]) WITH ORDINALITY AS code) resolved
                ORDER BY current, ordinality
                """;
        List<String> codes = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            s.setArray(1, c.createArrayOf("text", selection.codes().toArray()));
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    codes.add(rs.getString(1));
                }
            }
        }
        return new TerritorySelection(selection.level(), codes);
    }

    Territory territory(TerritorySelection selection) throws SQLException {
        String nameColumn = switch (selection.level()) {
            case COMMUNES -> "(SELECT string_agg(name, '|' ORDER BY insee_code) FROM commune WHERE insee_code = ANY (?::text[]))";
            case EPCI -> "(SELECT string_agg(name, '|' ORDER BY siren) FROM epci WHERE siren = ANY (?::text[]))";
            case DEPARTEMENTS -> "(SELECT string_agg(d, '|' ORDER BY d) FROM unnest(?::text[]) AS d)";
        };
        String sql = "SELECT " + nameColumn + ", count(*), coalesce(sum(population), 0) FROM ("
                + communesOf(selection) + ") t";
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            s.setArray(1, c.createArrayOf("text", selection.codes().toArray()));
            s.setArray(2, c.createArrayOf("text", selection.codes().toArray()));
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                String names = rs.getString(1);
                return new Territory(names == null ? List.of() : List.of(names.split("\\|")), rs.getInt(2),
                        rs.getLong(3));
            }
        }
    }

    /** The finished sessions of the territory in the period, placed by residence or by site. */
    RawActivity activity(TerritorySelection selection, Placement placement, Period period) throws SQLException {
        if (selection.level() != TerritoryLevel.DEPARTEMENTS) {
            return daily(selection, placement, period.from(), period.to());
        }
        // whole départements: the built closed months from their monthly counts, the days around them from the
        // daily counts (a stale month is read from its days, so what the rebuild has not seen yet still counts)
        List<LocalDate> months = builtMonths(period);
        RawActivity activity = monthly(selection, placement, months);
        LocalDate from = period.from();
        for (LocalDate month : months) {
            if (from.isBefore(month)) {
                activity = activity.plus(daily(selection, placement, from, month.minusDays(1)));
            }
            from = month.plusMonths(1);
        }
        if (!from.isAfter(period.to())) {
            activity = activity.plus(daily(selection, placement, from, period.to()));
        }
        return activity;
    }

    /** The months wholly inside the period whose monthly counts are built and not stale, in order. */
    private List<LocalDate> builtMonths(Period period) throws SQLException {
        String sql = """
                SELECT b.month FROM encounter_monthly_built b
                WHERE b.month >= ? AND b.month + interval '1 month' <= ?
                  AND NOT EXISTS (SELECT 1 FROM encounter_monthly_stale s WHERE s.month = b.month)
                ORDER BY b.month
                """;
        List<LocalDate> months = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            s.setObject(1, period.from());
            s.setObject(2, period.to().plusDays(1));
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    months.add(rs.getObject(1, LocalDate.class));
                }
            }
        }
        return months;
    }

    /** Finished sessions of whole départements in built months ({@code encounter_monthly_count}, V82). */
    private RawActivity monthly(TerritorySelection selection, Placement placement, List<LocalDate> months)
            throws SQLException {
        Map<String, Map<String, Long>> byDimension = new TreeMap<>();
        long satisfactionAnswers = 0;
        long satisfactionSum = 0;
        if (!months.isEmpty()) {
            String sql = """
                    SELECT dimension, category, sum(sessions), sum(satisfaction_sum), sum(satisfaction_answers)
                    FROM encounter_monthly_count
                    WHERE placement = ? AND departement = ANY (?::text[]) AND month = ANY (?::date[])
                    GROUP BY 1, 2
                    """;
            try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
                s.setString(1, placement.name());
                s.setArray(2, c.createArrayOf("text", selection.codes().toArray()));
                s.setArray(3, c.createArrayOf("date", months.toArray()));
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        String dimension = rs.getString(1);
                        byDimension.computeIfAbsent(dimension, d -> new TreeMap<>()).put(rs.getString(2), rs.getLong(3));
                        // every dimension covers every session: the satisfaction is summed over one of them
                        if (dimension.equals("REGULAR_DOCTOR")) {
                            satisfactionSum += rs.getLong(4);
                            satisfactionAnswers += rs.getLong(5);
                        }
                    }
                }
            }
        }
        Map<String, Long> doctor = byDimension.getOrDefault("REGULAR_DOCTOR", new TreeMap<>());
        long total = doctor.values().stream().mapToLong(Long::longValue).sum();
        return new RawActivity(total, doctor, byDimension.getOrDefault("REASON", new TreeMap<>()),
                byDimension.getOrDefault("AGE_BAND", new TreeMap<>()),
                byDimension.getOrDefault("OUTCOME", new TreeMap<>()), satisfactionSum, satisfactionAnswers);
    }

    /**
     * One pass over the daily counts ({@code encounter_daily_count}, kept with every encounter write) of the days
     * from {@code from} to {@code to} included, grouped by every combination of the four categories (a few hundred
     * groups at most); the marginal distributions are summed here rather than scanned once each.
     */
    private RawActivity daily(TerritorySelection selection, Placement placement, LocalDate from, LocalDate to)
            throws SQLException {
        String placed = switch (placement) {
            // the codes a resident of the territory may be recorded under: its communes (unless the code is a
            // former one of another commune) and the former codes of its communes. Equal to placing
            // coalesce(former code's commune, code) in the territory, but the residence index can serve it.
            case RESIDENCE -> """
                    FROM encounter_daily_count e
                    WHERE e.residence_insee_code IN (
                        SELECT t.insee_code FROM territory t
                        WHERE NOT EXISTS (SELECT 1 FROM commune_former_code f WHERE f.former_code = t.insee_code)
                        UNION ALL
                        SELECT f.former_code FROM commune_former_code f
                        WHERE f.insee_code IN (SELECT insee_code FROM territory))
                    """;
            case SITE -> """
                    FROM encounter_daily_count e
                    JOIN site s ON s.id = e.site_id
                    LEFT JOIN commune_former_code f ON f.former_code = s.insee_code
                    WHERE coalesce(f.insee_code, s.insee_code) IN (SELECT insee_code FROM territory)
                    """;
        };
        String sql = "WITH territory AS (" + communesOf(selection) + ")"
                + " SELECT coalesce(upper(e.has_regular_doctor::text), 'UNKNOWN'), coalesce(e.recourse_reason, 'UNKNOWN'),"
                + " coalesce(e.age_band, 'UNKNOWN'), coalesce(e.outcome, 'UNKNOWN'), sum(e.sessions),"
                + " sum(e.satisfaction_answers), sum(e.satisfaction_sum) "
                + placed
                + " AND e.status = ? AND e.day >= ? AND e.day <= ? GROUP BY 1, 2, 3, 4 HAVING sum(e.sessions) > 0";
        Map<String, Long> doctor = new TreeMap<>();
        Map<String, Long> reasons = new TreeMap<>();
        Map<String, Long> ages = new TreeMap<>();
        Map<String, Long> outcomes = new TreeMap<>();
        long total = 0;
        long satisfactionAnswers = 0;
        long satisfactionSum = 0;
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            s.setArray(1, c.createArrayOf("text", selection.codes().toArray()));
            s.setString(2, FINISHED);
            s.setObject(3, from);
            s.setObject(4, to);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    long count = rs.getLong(5);
                    doctor.merge(rs.getString(1), count, Long::sum);
                    reasons.merge(rs.getString(2), count, Long::sum);
                    ages.merge(rs.getString(3), count, Long::sum);
                    outcomes.merge(rs.getString(4), count, Long::sum);
                    total += count;
                    satisfactionAnswers += rs.getLong(6);
                    satisfactionSum += rs.getLong(7);
                }
            }
        }
        return new RawActivity(total, doctor, reasons, ages, outcomes, satisfactionSum, satisfactionAnswers);
    }

    /**
     * APL of the territory for the latest millésime not after {@code year} (else the latest there is), weighted
     * by standardised population, and the population of its communes under the fragile threshold.
     */
    Apl apl(TerritorySelection selection, int year, double fragileThreshold) throws SQLException {
        String sql = "WITH territory AS (" + communesOf(selection) + "),"
                + """
                 y AS (SELECT coalesce((SELECT max(year) FROM commune_apl WHERE year <= ?),
                                       (SELECT max(year) FROM commune_apl)) AS year)
                SELECT y.year,
                       sum(a.apl * a.standardised_population) / nullif(sum(a.standardised_population), 0),
                       count(a.insee_code),
                       coalesce(sum(t.population) FILTER (WHERE a.apl < ?), 0)
                FROM y CROSS JOIN territory t
                JOIN commune_apl a ON a.insee_code = t.insee_code AND a.year = y.year
                GROUP BY y.year
                """;
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            s.setArray(1, c.createArrayOf("text", selection.codes().toArray()));
            s.setInt(2, year);
            s.setDouble(3, fragileThreshold);
            try (ResultSet rs = s.executeQuery()) {
                if (!rs.next()) {
                    return new Apl(null, null, 0, 0);
                }
                double weighted = rs.getDouble(2);
                return new Apl(rs.getInt(1), rs.wasNull() ? null : weighted, rs.getInt(3), rs.getLong(4));
            }
        }
    }

    List<Supply> supply(TerritorySelection selection) throws SQLException {
        String sql = "WITH territory AS (" + communesOf(selection) + ")"
                + " SELECT profession, sum(practitioners), sum(liberal_practitioners) FROM care_supply"
                + " WHERE insee_code IN (SELECT insee_code FROM territory) GROUP BY profession ORDER BY profession";
        List<Supply> rows = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            s.setArray(1, c.createArrayOf("text", selection.codes().toArray()));
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    rows.add(new Supply(rs.getString(1), rs.getLong(2), rs.getLong(3)));
                }
            }
        }
        return rows;
    }

    /** Sites whose commune lies in the territory, by kind ({@code UNKNOWN} before their first birth). */
    Map<String, Long> sitesByKind(TerritorySelection selection) throws SQLException {
        String sql = "WITH territory AS (" + communesOf(selection) + ")"
                + """
                 SELECT coalesce(s.kind, 'UNKNOWN'), count(*) FROM site s
                 LEFT JOIN commune_former_code f ON f.former_code = s.insee_code
                 WHERE coalesce(f.insee_code, s.insee_code) IN (SELECT insee_code FROM territory)
                 GROUP BY 1
                """;
        Map<String, Long> kinds = new TreeMap<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            s.setArray(1, c.createArrayOf("text", selection.codes().toArray()));
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    kinds.put(rs.getString(1), rs.getLong(2));
                }
            }
        }
        return kinds;
    }

    /**
     * Population aged 65 and over of the territory: each commune's population municipale times the share of 65+ of
     * its latest INSEE age structure (INSEE's counts are of an older census year and weighted estimates, so the
     * share is taken from them and the population from the reference population, as in coverage).
     */
    Elderly elderly(TerritorySelection selection) throws SQLException {
        String sql = "WITH territory AS (" + communesOf(selection) + ")"
                + """
                 SELECT max(a.year), coalesce(sum(t.population * a.share), 0), coalesce(sum(t.population), 0),
                        count(*)
                 FROM territory t JOIN LATERAL (
                     SELECT s.year, (s.aged_65_79 + s.aged_80_plus) / s.population AS share
                     FROM commune_age_structure s WHERE s.insee_code = t.insee_code AND s.population > 0
                     ORDER BY s.year DESC LIMIT 1) a ON true
                """;
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            s.setArray(1, c.createArrayOf("text", selection.codes().toArray()));
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                int year = rs.getInt(1);
                return new Elderly(rs.wasNull() ? null : year, rs.getDouble(2), rs.getLong(3), rs.getInt(4));
            }
        }
    }
}
