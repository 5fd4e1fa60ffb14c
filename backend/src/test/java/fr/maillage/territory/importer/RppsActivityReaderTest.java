package fr.maillage.territory.importer;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The RPPS aggregation on a hand-made extraction whose expected counts are worked out in the comments. */
class RppsActivityReaderTest {

    private static final Map<String, List<String>> POSTCODES =
            Map.of("54000", List.of("54395"), "55000", List.of("55029", "55041"));

    private Parsed<Rows.CareSupply> read() throws Exception {
        try (InputStream in = getClass().getResourceAsStream("/territory/PS_LibreAcces_Personne_activite_test.txt")) {
            return RppsActivityReader.read(in, new DepartementFilter(Set.of("52", "54", "55")), POSTCODES);
        }
    }

    @Test
    void countsDistinctPractitionersPerCommuneAndProfessionWithGpAndLiberalRules() throws Exception {
        Parsed<Rows.CareSupply> parsed = read();

        assertThat(parsed.rows()).containsExactlyInAnyOrder(
                // MARTIN (SM54, two rows in Bar-le-Duc, one libéral), BERNARD (SM53, L), THOMAS (SM26, S)
                new Rows.CareSupply("55029", Profession.GENERAL_PRACTITIONER, 3, 2),
                // PETIT, cardiology
                new Rows.CareSupply("55029", Profession.SPECIALIST_PHYSICIAN, 1, 1),
                new Rows.CareSupply("55029", Profession.NURSE, 1, 1),
                // MARTIN's salaried activity in Verdun: a GP by his other rows although this one has no savoir-faire
                new Rows.CareSupply("55545", Profession.GENERAL_PRACTITIONER, 1, 0),
                // RICHARD: no commune code, postcode 54000 serves Nancy only
                new Rows.CareSupply("54395", Profession.NURSE, 1, 1),
                new Rows.CareSupply("54395", Profession.PHARMACIST, 1, 0),
                new Rows.CareSupply("54395", Profession.SPEECH_THERAPIST, 1, 1),
                new Rows.CareSupply("54395", Profession.DENTIST, 1, 1),
                new Rows.CareSupply("52121", Profession.PHYSIOTHERAPIST, 1, 1));
    }

    @Test
    void reportsEveryRowReadAndWhyRowsWereSkipped() throws Exception {
        Parsed<Rows.CareSupply> parsed = read();

        assertThat(parsed.readCount()).isEqualTo(17);
        assertThat(parsed.skipReasons()).containsOnly(
                Map.entry(ReferenceCsv.OTHER_DEPARTEMENT, 1),
                Map.entry("profession not counted (Code profession 31)", 1),
                Map.entry("no Identifiant PP", 1),
                Map.entry("no practice commune (INSEE code empty, postcode unknown or ambiguous)", 1),
                Map.entry("fewer fields than the header", 1));
    }

    @Test
    void dropsTheEmptyFieldAfterTheTrailingSeparator() {
        assertThat(RppsActivityReader.fields("a||c|")).containsExactly("a", "", "c");
    }
}
