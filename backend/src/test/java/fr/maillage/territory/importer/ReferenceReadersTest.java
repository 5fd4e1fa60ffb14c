package fr.maillage.territory.importer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The CSV and GeoJSON readers on small inputs holding each kind of bad row. */
class ReferenceReadersTest {

    private static InputStream text(String content) {
        return new ByteArrayInputStream(content.getBytes(StandardCharsets.UTF_8));
    }

    private static final DepartementFilter MEUSE = new DepartementFilter(Set.of("55"));

    @Test
    void readsCommunesAndSaysWhyOthersWereSkipped() {
        Parsed<Rows.Commune> parsed = ReferenceCsv.communes(text("""
                code_insee,nom,departement,region,epci_siren,population_municipale,codes_postaux,centroid_lat,centroid_lon,anciens_codes
                55029,"Bar-le-Duc, préfecture",55,44,200033025,14607,55000,48.76408,5.16325,
                55545,Verdun,55,44,200049187,16890,55100,49.14553,5.36282,55999 5X001
                550,Trop court,55,44,200033025,10,,,,
                52121,Chaumont,52,44,200068658,20827,52000,48.09792,5.13985,
                55029,Bar-le-Duc,55,44,200033025,14607,55000,48.76408,5.16325,
                55050,Bezonvaux,55,44,200049187,,55100,49.2,5.4,
                """), MEUSE);

        assertThat(parsed.readCount()).isEqualTo(6);
        assertThat(parsed.rows()).extracting(Rows.Commune::inseeCode).containsExactly("55029", "55545");
        assertThat(parsed.rows().getFirst().name()).isEqualTo("Bar-le-Duc, préfecture");
        assertThat(parsed.rows().get(1).formerCodes()).containsExactly("55999"); // 5X001 is not a code
        assertThat(parsed.skipReasons()).containsOnly(
                Map.entry(ReferenceCsv.INVALID_CODE, 1),
                Map.entry(ReferenceCsv.OTHER_DEPARTEMENT, 1),
                Map.entry(ReferenceCsv.DUPLICATE, 1),
                Map.entry("missing or invalid population", 1));
    }

    @Test
    void refusesAFileWithoutTheExpectedColumns() {
        assertThatThrownBy(() -> ReferenceCsv.epci(text("siren,nom\n200033025,CA\n"), MEUSE))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("missing columns [epci_siren, epci_nom, epci_type");
    }

    @Test
    void keepsAnEpciWhenOneOfItsDepartementsIsSelected() {
        Parsed<Rows.Epci> parsed = ReferenceCsv.epci(text("""
                epci_siren,epci_nom,epci_type,population_municipale,departements_membres
                200033025,CA de Bar-le-Duc - Sud Meuse,CA,33485,55
                200068658,CA de Chaumont,CA,45000,52
                200070738,CC Cross-border,CC,9000,54 55
                """), MEUSE);

        assertThat(parsed.rows()).extracting(Rows.Epci::siren).containsExactly("200033025", "200070738");
        assertThat(parsed.rows().get(1).departements()).containsExactly("54", "55");
    }

    @Test
    void readsPolygonsAndSkipsOtherGeometries() {
        Parsed<Rows.Geometry> parsed = GeometryReader.read(text("""
                {"type":"FeatureCollection","name":"test","features":[
                 {"type":"Feature","geometry":{"type":"Polygon","coordinates":[[[5.1,48.7],[5.2,48.7],[5.2,48.8],[5.1,48.7]]]},
                  "properties":{"nom":"Bar-le-Duc","code_insee":"55029","extra":{"nested":[1,2]}}},
                 {"type":"Feature","properties":{"code":"55545"},"geometry":{"type":"Point","coordinates":[5.36,49.14]}},
                 {"type":"Feature","properties":{"code_insee":"52121"},"geometry":{"type":"MultiPolygon","coordinates":[]}}
                ]}
                """), MEUSE);

        assertThat(parsed.readCount()).isEqualTo(3);
        assertThat(parsed.rows()).singleElement().satisfies(row -> {
            assertThat(row.inseeCode()).isEqualTo("55029");
            assertThat(row.geometry()).startsWith("{\"type\":\"Polygon\",\"coordinates\":[[[5.1,48.7]");
        });
        assertThat(parsed.skipReasons()).containsOnly(
                Map.entry("geometry missing or not a Polygon/MultiPolygon", 1),
                Map.entry(ReferenceCsv.OTHER_DEPARTEMENT, 1));
    }

    @Test
    void splitsQuotedCsvCells() {
        assertThat(CsvTable.split("a,\"b, c\",\"d \"\"e\"\"\",", ',')).isEqualTo(List.of("a", "b, c", "d \"e\"", ""));
    }

    @Test
    void aFileImportedWithoutSelectionReplacesOnlyTheDepartementsItCovers() {
        assertThat(TerritoryImporter.scope(DepartementFilter.all(), Stream.of("55029", "52121", "55545")))
                .containsExactlyInAnyOrder("52", "55");
        assertThat(TerritoryImporter.scope(DepartementFilter.all(), Stream.empty())).isEmpty();
        assertThat(TerritoryImporter.scope(MEUSE, Stream.empty())).containsExactly("55");
    }

    @Test
    void knowsTheDepartementOfOverseasAndCorsicanCommunes() {
        assertThat(DepartementFilter.departementOf("97411")).isEqualTo("974");
        assertThat(DepartementFilter.departementOf("2A004")).isEqualTo("2A");
        assertThat(new DepartementFilter(Set.of("974")).accepts("97411")).isTrue();
        assertThatThrownBy(() -> new DepartementFilter(Set.of("5")))
                .hasMessageContaining("not a département code: '5'");
    }
}
