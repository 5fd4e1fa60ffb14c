package fr.maillage.territory.importer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;
import static org.assertj.core.api.Assertions.within;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * INSEE's age-structure reader on {@code territory/base-cc-evol-struct-pop-2021_test.CSV}: the published layout
 * ({@code ;}, CRLF, {@code CODGEO}, {@code P21_*} and {@code C21_*} columns, decimal counts), invented figures.
 */
class AgeStructureReaderTest {

    static final String TEST_FILE = "territory/base-cc-evol-struct-pop-2021_test.CSV";
    private static final DepartementFilter NETWORK = new DepartementFilter(Set.of("52", "54", "55"));

    private static InputStream testFile() {
        return AgeStructureReaderTest.class.getClassLoader().getResourceAsStream(TEST_FILE);
    }

    @Test
    void readsTheCensusYearBandsAndSixtyFivePlusOfTheSelectedDepartementsAndSaysWhyOthersWereSkipped() {
        Parsed<Rows.AgeStructure> parsed = AgeStructureReader.read(testFile(), NETWORK);

        assertThat(parsed.readCount()).isEqualTo(9);
        assertThat(parsed.rows()).extracting(Rows.AgeStructure::inseeCode)
                .containsExactly("52250", "54395", "55029", "55122");
        Rows.AgeStructure joinville = parsed.rows().getFirst();
        assertThat(joinville.year()).isEqualTo(2021);
        assertThat(joinville.population()).isEqualTo(3071);
        assertThat(joinville.aged60To74()).isEqualTo(675.62);
        assertThat(joinville.aged75To89()).isEqualTo(429.94);
        assertThat(joinville.aged90Plus()).isEqualTo(61.42);
        assertThat(joinville.aged65To79() + joinville.aged80Plus()).isCloseTo(716.56667, within(1e-9));
        assertThat(parsed.rows().get(2).population()).isEqualTo(14881.9999958);
        assertThat(parsed.skipReasons()).containsOnly(
                entry(ReferenceCsv.OTHER_DEPARTEMENT, 2), // 01001 and 7501 → 07501
                entry(ReferenceCsv.INVALID_CODE, 1),
                entry(ReferenceCsv.DUPLICATE, 1),
                entry(AgeStructureReader.MISSING_VALUE, 1));
    }

    @Test
    void takesTheYearFromTheColumnPrefixSoALaterMillesimeReadsTheSame() {
        Parsed<Rows.AgeStructure> parsed = AgeStructureReader.read(text("""
                CODGEO;P22_POP;P22_POP0014;P22_POP1529;P22_POP3044;P22_POP4559;P22_POP6074;P22_POP7589;P22_POP90P;P22_POP6579;P22_POP80P
                55029;100;10;10;20;20;20;15;5;25;12
                """), NETWORK);

        assertThat(parsed.rows()).singleElement().satisfies(row -> {
            assertThat(row.year()).isEqualTo(2022);
            assertThat(row.aged65To79() + row.aged80Plus()).isEqualTo(37);
        });
    }

    @Test
    void refusesAFileThatIsNotInseesAgeStructure() {
        assertThatThrownBy(() -> AgeStructureReader.read(text("code_insee,population\n55029,100\n"), NETWORK))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("P21_POP");
        assertThatThrownBy(() -> AgeStructureReader.read(text("CODGEO;P21_POP;P21_POP0014\n55029;100;10\n"), NETWORK))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("P21_POP6579");
    }

    private static InputStream text(String content) {
        return new ByteArrayInputStream(content.getBytes(StandardCharsets.UTF_8));
    }
}
