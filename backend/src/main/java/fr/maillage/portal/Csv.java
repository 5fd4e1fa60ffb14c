package fr.maillage.portal;

import fr.maillage.territory.indicator.Disclosure.Figure;
import java.util.List;
import java.util.Locale;

/** CSV as RFC 4180 writes it (comma, CRLF, quotes doubled), numbers with a dot, for spreadsheets and scripts. */
final class Csv {

    private final StringBuilder text = new StringBuilder();

    Csv row(List<String> cells) {
        for (int i = 0; i < cells.size(); i++) {
            if (i > 0) {
                text.append(',');
            }
            text.append(quote(cells.get(i)));
        }
        text.append("\r\n");
        return this;
    }

    @Override
    public String toString() {
        return text.toString();
    }

    /** A figure's cell: empty when suppressed or unknown (the "secret" column says which). */
    static String number(Figure figure) {
        return figure == null || figure.value() == null ? "" : number(figure.value());
    }

    static String number(double value) {
        return value == Math.rint(value) && Math.abs(value) < 1e15
                ? Long.toString((long) value)
                : String.format(Locale.ROOT, "%.3f", value);
    }

    private static String quote(String cell) {
        if (cell == null) {
            return "";
        }
        if (cell.contains(",") || cell.contains("\"") || cell.contains("\n") || cell.contains("\r")) {
            return '"' + cell.replace("\"", "\"\"") + '"';
        }
        return cell;
    }
}
