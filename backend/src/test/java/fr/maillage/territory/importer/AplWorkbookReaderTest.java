package fr.maillage.territory.importer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;

/** The APL workbook reader on DREES's published workbook and on the layout of the older per-year files. */
class AplWorkbookReaderTest {

    private static final String WORKBOOK = "fr/maillage/data/drees_apl_medecins_generalistes_2022_2023.xlsx";
    private static final String EXTRACT = "fr/maillage/data/apl_medecins_generalistes_2022_2023_52_54_55.csv";

    private static InputStream resource(String name) {
        return AplWorkbookReaderTest.class.getClassLoader().getResourceAsStream(name);
    }

    @Test
    void readsThePublishedWorkbookWithTheValuesOfTheShippedExtract() throws Exception {
        DepartementFilter ours = new DepartementFilter(Set.of("52", "54", "55"));
        Parsed<Rows.Apl> workbook;
        Parsed<Rows.Apl> extract;
        try (InputStream xlsx = resource(WORKBOOK); InputStream csv = resource(EXTRACT)) {
            workbook = AplWorkbookReader.read(xlsx, WORKBOOK, ours);
            extract = ReferenceCsv.apl(csv, ours);
        }

        assertThat(workbook.readCount()).isEqualTo(34_964 + 34_954);
        assertThat(workbook.rows()).hasSize(3_020).hasSameElementsAs(extract.rows());
        Map<String, Rows.Apl> byKey = workbook.rows().stream()
                .collect(Collectors.toMap(r -> r.inseeCode() + "/" + r.year(), Function.identity()));
        // Ageville 2022 as published: 1.296, standardised population 309.45, population 313
        assertThat(byKey.get("52001/2022").apl()).isEqualTo(1.296);
        assertThat(byKey.get("52001/2022").standardisedPopulation()).isCloseTo(309.45, within(1e-9));
        assertThat(byKey.get("52001/2022").totalPopulation()).isEqualTo(313);
        assertThat(workbook.skipReasons()).containsOnlyKeys(ReferenceCsv.OTHER_DEPARTEMENT);
    }

    @Test
    void readsTheOlderLayoutTakingTheYearFromTheFileName() throws Exception {
        byte[] bytes;
        try (XSSFWorkbook book = new XSSFWorkbook(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            Sheet sheet = book.createSheet("Feuil1");
            sheet.createRow(0).createCell(0).setCellValue("Indicateur d'accessibilité potentielle localisée");
            Row header = sheet.createRow(4);
            String[] titles = {"Code commune", "Commune", "APL aux médecins généralistes (sans borne d'âge)",
                "APL aux médecins généralistes de moins de 65 ans", "APL aux médecins généralistes de moins de 62 ans",
                "Population standardisée par la consommation de soins par tranche d'âge"};
            for (int i = 0; i < titles.length; i++) {
                header.createCell(i).setCellValue(titles[i]);
            }
            Row data = sheet.createRow(5);
            data.createCell(0).setCellValue(1001); // a code saved as a number loses its leading zero
            data.createCell(1).setCellValue("L'Abergement-Clémenciat");
            data.createCell(2).setCellValue(2.9);
            data.createCell(3).setCellValue(2.5);
            data.createCell(4).setCellValue(2.4);
            data.createCell(5).setCellValue(812.5);
            Row bad = sheet.createRow(6);
            bad.createCell(0).setCellValue("99999");
            bad.createCell(2).setCellValue("n.d.");
            book.write(out);
            bytes = out.toByteArray();
        }

        Parsed<Rows.Apl> parsed =
                AplWorkbookReader.read(new ByteArrayInputStream(bytes), "APL_mg_2017.xlsx", DepartementFilter.all());

        assertThat(parsed.rows()).containsExactly(new Rows.Apl("01001", 2017, 2.9, 2.5, 812.5, null));
        assertThat(parsed.skipReasons()).containsOnly(Map.entry("missing or non-numeric APL", 1));
    }
}
