package fr.maillage.portal;

import static org.assertj.core.api.Assertions.assertThat;

import fr.maillage.territory.indicator.Disclosure.Figure;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class CsvTest {

    @Test
    @DisplayName("cells with commas, quotes or line breaks are quoted with quotes doubled; rows end with CRLF")
    void quotesOnlyWhatNeedsIt() {
        String csv = new Csv()
                .row(List.of("code", "name"))
                .row(List.of("55029", "Bar-le-Duc, préfecture"))
                .row(List.of("52", "dit \"la Haute\"\nMarne"))
                .toString();

        assertThat(csv).isEqualTo("code,name\r\n55029,\"Bar-le-Duc, préfecture\"\r\n52,\"dit \"\"la Haute\"\"\nMarne\"\r\n");
    }

    @Test
    @DisplayName("numbers use a dot, whole numbers have no decimals, and a suppressed figure is an empty cell")
    void numbers() {
        assertThat(Csv.number(1234.0)).isEqualTo("1234");
        assertThat(Csv.number(2.34567)).isEqualTo("2.346");
        assertThat(Csv.number(new Figure(null, true))).isEmpty();
        assertThat(Csv.number(new Figure(12.5, false))).isEqualTo("12.500");
    }
}
