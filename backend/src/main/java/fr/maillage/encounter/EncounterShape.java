package fr.maillage.encounter;

import ca.uhn.fhir.parser.IParser;
import fr.maillage.fhir.MaillageFhir;
import java.time.Instant;
import java.util.Date;
import java.util.regex.Pattern;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.IntegerType;
import org.hl7.fhir.r4.model.Period;

/**
 * What the profile's verdict on an Encounter depends on: the Encounter with each value that the profile
 * constrains only by its format or range replaced by one fixed value of that same format or range. Two Encounters
 * of one shape get the same verdict, so a shape found conforming need not be validated again.
 *
 * <p>Replaced: the ids (the session's UUID, also its identifier), the site reference, the meta, the period
 * (keeping which bounds exist and their order, which invariant per-1 checks), the residence commune code when it
 * has the form constraint mai-commune-1 requires, and the satisfaction when it is in the range mai-satisfaction-1
 * requires. A value outside its form stays as it is, so it makes a shape of its own and is validated. Everything
 * else — every code, flag and extension present — is kept, so a new field the mapper writes is part of the shape
 * until it is known to be irrelevant.
 */
final class EncounterShape {

    /** Constraint mai-commune-1 of the profile's commune extensions (also the wire schema's inseeCode). */
    static final Pattern COMMUNE_CODE = Pattern.compile("^([0-9]{5}|2[AB][0-9]{3})$");
    /** Constraint mai-satisfaction-1 (also the wire schema's range). */
    static final int SATISFACTION_MIN = 0;
    static final int SATISFACTION_MAX = 10;

    private static final String ID = "shape";
    private static final Date START = Date.from(Instant.parse("2000-01-01T00:00:00Z"));
    private static final Date AFTER_START = Date.from(Instant.parse("2000-01-01T00:00:01Z"));
    private static final Date BEFORE_START = Date.from(Instant.parse("1999-12-31T23:59:59Z"));

    private EncounterShape() {}

    static String of(Encounter encounter, IParser parser) {
        Encounter shape = encounter.copy();
        shape.setId(ID);
        shape.getMeta().setVersionId("1").setLastUpdated(START);
        shape.getIdentifier().forEach(identifier -> identifier.setValue(ID));
        shape.getLocation().forEach(location -> location.getLocation().setReference("Location/" + ID));
        period(shape.getPeriod());
        for (Extension extension : shape.getExtension()) {
            if (MaillageFhir.EXT_PATIENT_RESIDENCE_COMMUNE.equals(extension.getUrl())
                    && extension.getValue() instanceof Coding commune
                    && commune.hasCode()
                    && COMMUNE_CODE.matcher(commune.getCode()).matches()) {
                commune.setCode("00000");
            } else if (MaillageFhir.EXT_PATIENT_SATISFACTION.equals(extension.getUrl())
                    && extension.getValue() instanceof IntegerType score
                    && score.getValue() != null
                    && score.getValue() >= SATISFACTION_MIN
                    && score.getValue() <= SATISFACTION_MAX) {
                score.setValue(SATISFACTION_MIN);
            }
        }
        return parser.encodeResourceToString(shape);
    }

    private static void period(Period period) {
        boolean ordered = !(period.hasStart() && period.hasEnd()) || !period.getEnd().before(period.getStart());
        if (period.hasStart()) {
            period.setStart(START);
        }
        if (period.hasEnd()) {
            period.setEnd(period.hasStart() ? (ordered ? AFTER_START : BEFORE_START) : START);
        }
    }
}
