package fr.maillage.study;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class GeneralisationTest {

    private static DatasetRow row(String ageBand, String sex, String commune, String epci, String departement) {
        return new DatasetRow("2026-11", "CABIN", ageBand, sex, commune, epci, departement, null, null, false, null,
                null, null, null, null, null);
    }

    @Test
    @DisplayName("small commune groups move to the EPCI, then the département; what stays small is withheld")
    void everyPublishedCombinationHasElevenRows() {
        List<DatasetRow> rows = new ArrayList<>();
        rows.addAll(Collections.nCopies(12, row("AGE_45_59", "FEMALE", "55545", "200049187", "55")));
        rows.addAll(Collections.nCopies(6, row("AGE_45_59", "FEMALE", "55042", "200049187", "55")));
        rows.addAll(Collections.nCopies(5, row("AGE_45_59", "FEMALE", "55043", "200049187", "55")));
        rows.addAll(Collections.nCopies(4, row("AGE_75_89", "MALE", "55029", "200033025", "55")));
        rows.addAll(Collections.nCopies(7, row("AGE_75_89", "MALE", "55502", "200066132", "55")));
        rows.addAll(Collections.nCopies(3, row("AGE_0_14", "MALE", "52121", "200068658", "52")));

        Generalisation.Result result = Generalisation.apply(rows);

        Map<String, Long> groups = result.rows().stream().collect(Collectors.groupingBy(
                p -> p.row().ageBand() + "|" + p.row().sex() + "|" + p.level() + "|" + p.territory(),
                Collectors.counting()));
        assertThat(groups).containsOnly(
                Map.entry("AGE_45_59|FEMALE|COMMUNE|55545", 12L),
                Map.entry("AGE_45_59|FEMALE|EPCI|200049187", 11L),
                Map.entry("AGE_75_89|MALE|DEPARTEMENT|55", 11L));
        assertThat(groups.values()).allMatch(n -> n >= 11);
        assertThat(result.withheld()).isEqualTo(3);
        assertThat(result.rows()).hasSize(34);
    }
}
