package fr.maillage.study;

import fr.maillage.contract.SessionDetails;
import fr.maillage.encounter.survey.Survey;
import fr.maillage.territory.indicator.Disclosure;
import fr.maillage.territory.indicator.IndicatorService;
import fr.maillage.territory.indicator.Period;
import fr.maillage.territory.indicator.TerritorySelection;
import io.micronaut.jdbc.DataSourceResolver;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import javax.sql.DataSource;

/**
 * Computes a {@link StudyReport} from the raw sessions (table {@code encounter}): one aggregate query, then the
 * intervals and the secret statistique of the territory feature ({@link Disclosure}).
 */
@Singleton
public class StudyReports {

    /** Whether a session belongs to a territory by its site's commune or by its patient's. */
    public enum Placement {
        SITE,
        RESIDENCE
    }

    /** The answers that count as "feels strengthened": agree and strongly agree. */
    static final Set<SessionDetails.Agreement> STRENGTHENED =
            EnumSet.of(SessionDetails.Agreement.AGREE, SessionDetails.Agreement.STRONGLY_AGREE);

    private final DataSource dataSource;
    private final AccessFigures access;

    StudyReports(DataSource dataSource, DataSourceResolver resolver, AccessFigures access) {
        this.dataSource = resolver.resolve(dataSource);
        this.access = access;
    }

    public StudyReport report(TerritorySelection selection, Placement placement, Period period) throws SQLException {
        // The professional's answers join the sessions by id: at most one response per session and questionnaire
        // (UNIQUE (encounter_id, questionnaire)), so the join multiplies no session.
        String sql = placed(selection, placement)
                + " SELECT count(*), count(*) FILTER (WHERE p.recourse_reason = ANY (?::text[])),"
                + " count(p.satisfaction), coalesce(sum(p.satisfaction), 0),"
                + " coalesce(sum(p.satisfaction * p.satisfaction), 0), count(q.role_strengthened),"
                + " count(*) FILTER (WHERE q.role_strengthened = ANY (?::text[]))"
                + " FROM placed p LEFT JOIN questionnaire_response q ON q.encounter_id = p.id AND q.questionnaire = ?"
                + " WHERE p.commune IN (SELECT insee_code FROM territory)";
        long sessions;
        long hard;
        long answers;
        double sum;
        double squares;
        long professionals;
        long strengthened;
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            s.setArray(1, c.createArrayOf("text", selection.codes().toArray()));
            s.setTimestamp(2, Timestamp.from(period.start()));
            s.setTimestamp(3, Timestamp.from(period.endExclusive()));
            s.setArray(4, c.createArrayOf("text",
                    IndicatorService.HARD_TO_ACCESS.stream().map(Enum::name).toArray()));
            s.setArray(5, c.createArrayOf("text", STRENGTHENED.stream().map(Enum::name).toArray()));
            s.setString(6, Survey.ASSISTING_PROFESSIONAL.questionnaireId());
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                sessions = rs.getLong(1);
                hard = rs.getLong(2);
                answers = rs.getLong(3);
                sum = rs.getDouble(4);
                squares = rs.getDouble(5);
                professionals = rs.getLong(6);
                strengthened = rs.getLong(7);
            }
        }
        boolean secret = Disclosure.isSecret(sessions);
        AccessFigures.Access distances = access.compute(selection, placement, period);
        return new StudyReport(selection.level().path(), selection.codes(), placement.name().toLowerCase(Locale.ROOT), period,
                secret ? null : sessions,
                secret ? new StudyReport.Proportion(null, null, null, null, null, true) : proportion(hard, sessions),
                secret ? new StudyReport.Mean(null, null, null, null, null, true) : mean(answers, sum, squares),
                secret ? new StudyReport.Proportion(null, null, null, null, null, true)
                        : answered(strengthened, professionals),
                distances.toSite(), distances.toNearestGp(), distances.fragileResidence(),
                distances.toSiteSummary(), distances.toNearestGpSummary(),
                List.of("95 % intervals: Wilson score for proportions, Student t for the mean.",
                        "Counts of 1 to 10 and every figure derived from them are suppressed (secret statistique).",
                        "Sessions counted: finished, started in the period (French days, both included).",
                        "strengthenedRole: sessions whose assisting professional agreed or strongly agreed that the"
                                + " practice strengthens their role, among the sessions where they answered (one"
                                + " answer per session: a professional who answers at every session counts each time).",
                        "Distances are great-circle, from the centroid of the patient's commune (to the site's"
                                + " coordinates, else its commune's centroid; to the nearest commune where a GP"
                                + " practises, 0 when it is the patient's own), in bands of km; mean and lower"
                                + " median over the sessions whose distance is known.",
                        "fragileResidence: sessions of patients living in a commune with APL < 2.5 among those whose"
                                + " commune has an APL (latest millésime not after the period's end)."));
    }

    /**
     * The common start of the report's queries (parameters: the territory's codes, the period's start and end): CTE
     * {@code territory} (its communes) and {@code placed} (finished sessions of the period with {@code commune}, the
     * commune they are placed in, and {@code residence}, the patient's; former codes resolved as in the
     * indicators).
     */
    static String placed(TerritorySelection selection, Placement placement) {
        String commune = switch (placement) {
            case SITE -> "(SELECT s.insee_code FROM site s WHERE s.id = e.site_id)";
            case RESIDENCE -> "e.residence_insee_code";
        };
        return "WITH territory AS (SELECT insee_code FROM commune WHERE " + selection.level().communeColumn()
                + " = ANY (?::text[])), placed AS (SELECT e.*, coalesce(f.insee_code, " + commune + ") AS commune,"
                + " coalesce(fr.insee_code, e.residence_insee_code) AS residence"
                + " FROM encounter e LEFT JOIN commune_former_code f ON f.former_code = " + commune
                + " LEFT JOIN commune_former_code fr ON fr.former_code = e.residence_insee_code"
                + " WHERE e.status = 'finished' AND e.period_start >= ? AND e.period_start < ?)";
    }

    /**
     * A share among those who answered: like {@link #proportion}, and also suppressed when 1 to 10 answered (the
     * session count above it may be large while the answers are few).
     */
    static StudyReport.Proportion answered(long part, long answers) {
        if (Disclosure.isSecret(answers)) {
            return new StudyReport.Proportion(null, null, null, null, null, true);
        }
        return proportion(part, answers);
    }

    static StudyReport.Proportion proportion(long part, long whole) {
        Disclosure.Figure share = Disclosure.share(part, whole);
        if (share.suppressed()) {
            return new StudyReport.Proportion(whole, null, null, null, null, true);
        }
        if (whole == 0) {
            return new StudyReport.Proportion(0L, 0L, null, null, null, false);
        }
        ConfidenceIntervals.Interval ci = ConfidenceIntervals.wilson(part, whole);
        return new StudyReport.Proportion(whole, part, share.value(), ci.low(), ci.high(), false);
    }

    private static StudyReport.Mean mean(long n, double sum, double squares) {
        if (Disclosure.isSecret(n)) {
            return new StudyReport.Mean(null, null, null, null, null, true);
        }
        if (n == 0) {
            return new StudyReport.Mean(0L, null, null, null, null, false);
        }
        double mean = sum / n;
        ConfidenceIntervals.Interval ci = ConfidenceIntervals.mean(n, sum, squares);
        double sd = Math.sqrt(Math.max(0, (squares - n * mean * mean) / (n - 1)));
        return new StudyReport.Mean(n, mean, sd, ci.low(), ci.high(), false);
    }
}
