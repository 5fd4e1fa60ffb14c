package fr.maillage.study;

import fr.maillage.encounter.survey.Survey;
import fr.maillage.territory.coverage.GreatCircle;
import fr.maillage.territory.indicator.IndicatorService;
import fr.maillage.territory.indicator.Period;
import io.micronaut.jdbc.DataSourceResolver;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.StringWriter;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import javax.sql.DataSource;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * The study dataset: one row per finished session of the period, pseudonymised (a random study id drawn for each
 * row of each extraction, so two extractions cannot be joined on it; rows in random order; the day generalised to
 * the month; no session, site or patient identifier) and generalised by {@link Generalisation}.
 */
@Singleton
public class StudyDatasets {

    static final List<String> COLUMNS = List.of("study_id", "month", "site_kind", "age_band", "sex",
            "territory_level", "territory_code", "has_regular_doctor", "recourse_reason", "hard_to_access", "outcome",
            "satisfaction", "assisting_role", "physician_specialty", "distance_band_km",
            "role_strengthened");
    private static final ZoneId FRANCE = ZoneId.of("Europe/Paris");
    private static final DateTimeFormatter MONTH = DateTimeFormatter.ofPattern("yyyy-MM", Locale.ROOT);

    /**
     * The dataset as CSV, and how many rows were withheld.
     *
     * @param csv RFC 4180 text, header first
     * @param rows rows published
     * @param withheld sessions no generalisation could hide among 11
     */
    public record Extract(String csv, int rows, int withheld) {}

    private final DataSource dataSource;
    private final SecureRandom random = new SecureRandom();

    StudyDatasets(DataSource dataSource, DataSourceResolver resolver) {
        this.dataSource = resolver.resolve(dataSource);
    }

    public Extract extract(Period period) throws SQLException, IOException {
        Generalisation.Result result = Generalisation.apply(rows(period));
        List<Generalisation.Published> rows = new ArrayList<>(result.rows());
        Collections.shuffle(rows, random);
        StringWriter out = new StringWriter();
        try (CSVPrinter printer = new CSVPrinter(out,
                CSVFormat.RFC4180.builder().setHeader(COLUMNS.toArray(String[]::new)).get())) {
            for (Generalisation.Published p : rows) {
                DatasetRow r = p.row();
                printer.printRecord(UUID.randomUUID(), r.month(), r.siteKind(), r.ageBand(), r.sex(),
                        p.level().name(), p.territory(), blank(r.hasRegularDoctor()), blank(r.recourseReason()),
                        r.hardToAccess(), blank(r.outcome()), blank(r.satisfaction()), blank(r.assistingRole()),
                        blank(r.physicianSpecialty()), band(r.distanceKm()), blank(r.roleStrengthened()));
            }
        }
        return new Extract(out.toString(), rows.size(), result.withheld());
    }

    private static Object blank(Object value) {
        return value == null ? "" : value;
    }

    /** Distance in bands, not kilometres: with the territory, an exact distance would point at the commune. */
    static String band(Double km) {
        if (km == null) {
            return "";
        }
        if (km < 5) {
            return "0-5";
        }
        if (km < 10) {
            return "5-10";
        }
        if (km < 20) {
            return "10-20";
        }
        return km < 50 ? "20-50" : "50+";
    }

    private List<DatasetRow> rows(Period period) throws SQLException {
        String sql = """
                SELECT e.period_start, coalesce(s.kind, 'UNKNOWN'), coalesce(e.age_band, 'UNKNOWN'),
                       coalesce(e.sex, 'UNKNOWN'), c.insee_code, c.epci_siren, c.departement, e.has_regular_doctor,
                       e.recourse_reason, e.recourse_reason = ANY (?::text[]), e.outcome, e.satisfaction,
                       e.assisting_role, e.physician_specialty, c.centroid_lat, c.centroid_lon,
                       coalesce(s.latitude, sc.centroid_lat), coalesce(s.longitude, sc.centroid_lon),
                       q.role_strengthened
                FROM encounter e
                JOIN site s ON s.id = e.site_id
                LEFT JOIN questionnaire_response q ON q.encounter_id = e.id AND q.questionnaire = ?
                LEFT JOIN commune_former_code f ON f.former_code = e.residence_insee_code
                LEFT JOIN commune c ON c.insee_code = coalesce(f.insee_code, e.residence_insee_code)
                LEFT JOIN commune_former_code sf ON sf.former_code = s.insee_code
                LEFT JOIN commune sc ON sc.insee_code = coalesce(sf.insee_code, s.insee_code)
                WHERE e.status = 'finished' AND e.period_start >= ? AND e.period_start < ?
                """;
        List<DatasetRow> rows = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            s.setArray(1, c.createArrayOf("text",
                    IndicatorService.HARD_TO_ACCESS.stream().map(Enum::name).toArray()));
            s.setString(2, Survey.ASSISTING_PROFESSIONAL.questionnaireId());
            s.setTimestamp(3, Timestamp.from(period.start()));
            s.setTimestamp(4, Timestamp.from(period.endExclusive()));
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    int satisfaction = rs.getInt(12);
                    Integer satisfactionOrNull = rs.wasNull() ? null : satisfaction;
                    boolean doctor = rs.getBoolean(8);
                    Boolean doctorOrNull = rs.wasNull() ? null : doctor;
                    rows.add(new DatasetRow(
                            MONTH.format(rs.getTimestamp(1).toInstant().atZone(FRANCE)), rs.getString(2),
                            rs.getString(3), rs.getString(4), rs.getString(5), rs.getString(6), rs.getString(7),
                            doctorOrNull, rs.getString(9), rs.getBoolean(10), rs.getString(11), satisfactionOrNull,
                            rs.getString(13), rs.getString(14), distance(rs), rs.getString(19)));
                }
            }
        }
        return rows;
    }

    private static Double distance(ResultSet rs) throws SQLException {
        double[] values = new double[4];
        for (int i = 0; i < 4; i++) {
            values[i] = rs.getDouble(15 + i);
            if (rs.wasNull()) {
                return null;
            }
        }
        return GreatCircle.km(values[0], values[1], values[2], values[3]);
    }
}
