package fr.maillage.ogc.layer;

import fr.maillage.territory.Thresholds;
import fr.maillage.territory.indicator.Disclosure;
import fr.maillage.territory.indicator.IndicatorService;
import fr.maillage.territory.indicator.Period;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.jdbc.DataSourceResolver;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;
import javax.sql.DataSource;

/**
 * The indicators of every commune, or every EPCI, over a period, in one pass over the sessions: the same
 * definitions as {@code /api/territories/.../indicators} (finished sessions, former commune codes resolved,
 * {@link IndicatorService#HARD_TO_ACCESS}), computed for all territories at once for layers and exports, with the
 * secret statistique of {@link Disclosure} and complementary suppression across the territories of a layer.
 */
@Singleton
public class TerritoryFigures {

    /** Counts that add up from communes to an EPCI, before suppression. */
    record Counts(long population, long sessions, long withoutDoctor, long doctorKnown, long hardToAccess,
            long satisfactionAnswers, long satisfactionSum, long atSites, long sites, @Nullable Long liberalGps,
            double aplWeighted, double aplWeight, long fragilePopulation) {

        Counts plus(Counts o) {
            return new Counts(population + o.population, sessions + o.sessions, withoutDoctor + o.withoutDoctor,
                    doctorKnown + o.doctorKnown, hardToAccess + o.hardToAccess,
                    satisfactionAnswers + o.satisfactionAnswers, satisfactionSum + o.satisfactionSum,
                    atSites + o.atSites, sites + o.sites,
                    liberalGps == null || o.liberalGps == null ? null : liberalGps + o.liberalGps,
                    aplWeighted + o.aplWeighted, aplWeight + o.aplWeight, fragilePopulation + o.fragilePopulation);
        }
    }

    /**
     * A territory before suppression: who it is, the groups whose published totals its suppression must balance
     * (a commune's département and EPCI; the network for an EPCI), and its counts.
     */
    private record Raw(String code, String name, String departements, @Nullable String epciSiren, int communes,
            List<String> groups, Counts counts) {}

    private record CommuneCounts(String code, String name, String departement, @Nullable String epciSiren,
            Counts counts) {}

    private final DataSource dataSource;

    TerritoryFigures(DataSource dataSource, DataSourceResolver resolver) {
        this.dataSource = resolver.resolve(dataSource);
    }

    /** Every commune, by INSEE code; complementary suppression within each département and each EPCI. */
    public List<TerritoryRow> communes(Period period) throws SQLException {
        Figures figures = load(period);
        return publish(figures.communes().stream()
                .map(c -> new Raw(c.code(), c.name(), c.departement(), c.epciSiren(), 1,
                        c.epciSiren() == null ? List.of("d" + c.departement())
                                : List.of("d" + c.departement(), "e" + c.epciSiren()),
                        c.counts()))
                .toList(), period, figures.aplYear());
    }

    /** Every EPCI with at least one imported commune, by SIREN; complementary suppression over all of them. */
    public List<TerritoryRow> epci(Period period) throws SQLException {
        Figures figures = load(period);
        Map<String, List<CommuneCounts>> members = figures.communes().stream()
                .filter(c -> c.epciSiren() != null)
                .collect(Collectors.groupingBy(CommuneCounts::epciSiren, TreeMap::new, Collectors.toList()));
        Map<String, String> names = epciNames();
        List<Raw> raws = new ArrayList<>();
        members.forEach((siren, communes) -> raws.add(new Raw(siren, names.getOrDefault(siren, siren),
                communes.stream().map(CommuneCounts::departement).distinct().sorted()
                        .collect(Collectors.joining(",")),
                null, communes.size(), List.of("network"),
                communes.stream().map(CommuneCounts::counts).reduce(Counts::plus).orElseThrow())));
        return publish(raws, period, figures.aplYear());
    }

    private record Figures(@Nullable Integer aplYear, List<CommuneCounts> communes) {}

    private Figures load(Period period) throws SQLException {
        String sql = """
                WITH y AS (SELECT coalesce((SELECT max(year) FROM commune_apl WHERE year <= ?),
                                           (SELECT max(year) FROM commune_apl)) AS year),
                finished AS (SELECT * FROM encounter e
                             WHERE e.status = 'finished' AND e.period_start >= ? AND e.period_start < ?),
                res AS (SELECT coalesce(f.insee_code, e.residence_insee_code) AS code, count(*) AS n,
                               count(*) FILTER (WHERE e.has_regular_doctor = false) AS without_doctor,
                               count(e.has_regular_doctor) AS doctor_known,
                               count(*) FILTER (WHERE e.recourse_reason = ANY (?::text[])) AS hard,
                               count(e.satisfaction) AS satisfaction_n,
                               coalesce(sum(e.satisfaction), 0) AS satisfaction_sum
                        FROM finished e LEFT JOIN commune_former_code f ON f.former_code = e.residence_insee_code
                        GROUP BY 1),
                at_site AS (SELECT coalesce(f.insee_code, s.insee_code) AS code, count(*) AS n
                            FROM finished e JOIN site s ON s.id = e.site_id
                            LEFT JOIN commune_former_code f ON f.former_code = s.insee_code GROUP BY 1),
                st AS (SELECT coalesce(f.insee_code, s.insee_code) AS code, count(*) AS n
                       FROM site s LEFT JOIN commune_former_code f ON f.former_code = s.insee_code GROUP BY 1),
                gp AS (SELECT insee_code, liberal_practitioners FROM care_supply
                       WHERE profession = 'GENERAL_PRACTITIONER')
                SELECT c.insee_code, c.name, c.departement, c.epci_siren, c.population, y.year, a.apl,
                       a.standardised_population, coalesce(res.n, 0), coalesce(res.without_doctor, 0),
                       coalesce(res.doctor_known, 0), coalesce(res.hard, 0), coalesce(res.satisfaction_n, 0),
                       coalesce(res.satisfaction_sum, 0), coalesce(at_site.n, 0), coalesce(st.n, 0),
                       CASE WHEN EXISTS (SELECT 1 FROM care_supply) THEN coalesce(gp.liberal_practitioners, 0) END
                FROM commune c CROSS JOIN y
                LEFT JOIN commune_apl a ON a.insee_code = c.insee_code AND a.year = y.year
                LEFT JOIN res ON res.code = c.insee_code
                LEFT JOIN at_site ON at_site.code = c.insee_code
                LEFT JOIN st ON st.code = c.insee_code
                LEFT JOIN gp ON gp.insee_code = c.insee_code
                ORDER BY c.insee_code
                """;
        List<CommuneCounts> communes = new ArrayList<>();
        Integer aplYear = null;
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            s.setInt(1, period.to().getYear());
            s.setTimestamp(2, Timestamp.from(period.start()));
            s.setTimestamp(3, Timestamp.from(period.endExclusive()));
            s.setArray(4, c.createArrayOf("text",
                    IndicatorService.HARD_TO_ACCESS.stream().map(Enum::name).toArray()));
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    int year = rs.getInt(6);
                    aplYear = rs.wasNull() ? null : year;
                    long population = rs.getLong(5);
                    double apl = rs.getDouble(7);
                    boolean hasApl = !rs.wasNull();
                    double weight = rs.getDouble(8);
                    boolean hasWeight = !rs.wasNull();
                    long gps = rs.getLong(17);
                    Long liberalGps = rs.wasNull() ? null : gps;
                    Counts counts = new Counts(population, rs.getLong(9), rs.getLong(10), rs.getLong(11),
                            rs.getLong(12), rs.getLong(13), rs.getLong(14), rs.getLong(15), rs.getLong(16),
                            liberalGps, hasApl && hasWeight ? apl * weight : 0, hasApl && hasWeight ? weight : 0,
                            hasApl && apl < Thresholds.APL_FRAGILE_THRESHOLD ? population : 0);
                    communes.add(new CommuneCounts(rs.getString(1), rs.getString(2), rs.getString(3),
                            rs.getString(4), counts));
                }
            }
        }
        return new Figures(aplYear, communes);
    }

    private Map<String, String> epciNames() throws SQLException {
        Map<String, String> names = new HashMap<>();
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement("SELECT siren, name FROM epci");
                ResultSet rs = s.executeQuery()) {
            while (rs.next()) {
                names.put(rs.getString(1), rs.getString(2));
            }
        }
        return names;
    }

    /** Applies the secret statistique to each territory, balancing the counts of each group. */
    private static List<TerritoryRow> publish(List<Raw> raws, Period period, @Nullable Integer aplYear) {
        Set<String> residents = hidden(raws, Counts::sessions);
        Set<String> atSites = hidden(raws, Counts::atSites);
        List<TerritoryRow> rows = new ArrayList<>(raws.size());
        for (Raw raw : raws) {
            Counts c = raw.counts();
            List<String> suppressed = new ArrayList<>();
            boolean residentHidden = residents.contains(raw.code());
            Long teleconsultations = residentHidden ? null : c.sessions();
            Double per1000 = residentHidden || c.population() == 0 ? null : c.sessions() * 1_000.0 / c.population();
            if (residentHidden) {
                suppressed.addAll(List.of("teleconsultations", "per1000Inhabitants"));
            }
            Double without = figure(Disclosure.share(c.withoutDoctor(), c.doctorKnown()), "withoutRegularDoctorShare",
                    suppressed);
            Double hard = figure(Disclosure.share(c.hardToAccess(), c.sessions()), "hardToAccessShare", suppressed);
            Double satisfaction = null;
            if (Disclosure.isSecret(c.satisfactionAnswers())) {
                suppressed.add("meanSatisfaction");
            } else if (c.satisfactionAnswers() > 0) {
                satisfaction = (double) c.satisfactionSum() / c.satisfactionAnswers();
            }
            boolean siteHidden = atSites.contains(raw.code());
            if (siteHidden) {
                suppressed.add("sessionsAtSites");
            }
            rows.add(new TerritoryRow(raw.code(), raw.name(), raw.departements(), raw.epciSiren(), raw.communes(),
                    c.population(), period.from(), period.to(), teleconsultations, per1000, without, hard,
                    satisfaction, siteHidden ? null : c.atSites(), c.sites(), aplYear,
                    c.aplWeight() > 0 ? c.aplWeighted() / c.aplWeight() : null, c.fragilePopulation(),
                    c.liberalGps(), c.liberalGps() == null || c.population() == 0 ? null
                            : c.liberalGps() * 10_000.0 / c.population(),
                    String.join(",", suppressed)));
        }
        return rows;
    }

    private static @Nullable Double figure(Disclosure.Figure figure, String name, List<String> suppressed) {
        if (figure.suppressed()) {
            suppressed.add(name);
        }
        return figure.value();
    }

    private static Set<String> hidden(List<Raw> raws, Function<Counts, Long> count) {
        Map<String, Long> counts = new LinkedHashMap<>();
        Map<String, List<String>> groups = new LinkedHashMap<>();
        raws.forEach(r -> {
            counts.put(r.code(), count.apply(r.counts()));
            groups.put(r.code(), r.groups());
        });
        return ComplementarySuppression.hidden(counts, groups);
    }
}
