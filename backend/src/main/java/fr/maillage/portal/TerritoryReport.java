package fr.maillage.portal;

import com.fasterxml.jackson.databind.JsonNode;
import fr.maillage.territory.indicator.Disclosure.Figure;
import fr.maillage.territory.indicator.Period;
import fr.maillage.territory.indicator.TerritorySelection;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.sql.SQLException;
import java.text.NumberFormat;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.StreamSupport;
import org.openpdf.text.Document;
import org.openpdf.text.Element;
import org.openpdf.text.Font;
import org.openpdf.text.FontFactory;
import org.openpdf.text.Image;
import org.openpdf.text.PageSize;
import org.openpdf.text.Paragraph;
import org.openpdf.text.Phrase;
import org.openpdf.text.pdf.PdfPCell;
import org.openpdf.text.pdf.PdfPTable;
import org.openpdf.text.pdf.PdfWriter;

/**
 * The PDF report of an EPCI or a département: the comparison table, the map and the charts the territory page
 * drew (sent by the page as PNG, so the report shows what the user saw), and the table by commune.
 */
@Singleton
class TerritoryReport {

    /** Longer lists are cut to the most populated communes, so a département's report stays readable. */
    static final int MAX_COMMUNES = 40;

    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("dd/MM/yyyy", Locale.FRANCE);
    private static final Font TITLE = FontFactory.getFont(FontFactory.HELVETICA_BOLD, 16);
    private static final Font HEADING = FontFactory.getFont(FontFactory.HELVETICA_BOLD, 12);
    private static final Font TEXT = FontFactory.getFont(FontFactory.HELVETICA, 9);
    private static final Font HEADER = FontFactory.getFont(FontFactory.HELVETICA_BOLD, 9);

    private final TerritoryComparison comparison;
    private final TerritoryCommunes communes;
    private final Clock clock = Clock.systemUTC();

    TerritoryReport(TerritoryComparison comparison, TerritoryCommunes communes) {
        this.comparison = comparison;
        this.communes = communes;
    }

    /**
     * @param images PNG images to include after the table, each with its caption (the page's map and charts)
     */
    byte[] render(TerritorySelection selection, Period period, List<Picture> images)
            throws SQLException, IOException {
        TerritoryComparison.Comparison table = comparison.compare(selection, period);
        JsonNode features = communes.featureCollection(selection, period.from().toString(), period.to().toString())
                .path("features");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Document document = new Document(PageSize.A4, 36, 36, 36, 36);
        PdfWriter.getInstance(document, out);
        document.addTitle("Téléconsultation assistée — " + String.join(", ", table.territory().territory().names()));
        document.addCreator("Maillage");
        document.open();
        document.add(new Paragraph("Téléconsultation assistée — " + territoryName(table), TITLE));
        document.add(new Paragraph("Période du " + DAY.format(period.from()) + " au " + DAY.format(period.to())
                + " ; rapport produit le " + DAY.format(LocalDate.now(clock.withZone(ZoneId.of("Europe/Paris"))))
                + ".", TEXT));

        document.add(heading("Indicateurs comparés"));
        document.add(comparisonTable(table));
        for (Picture image : images) {
            document.add(figure(image, document.getPageSize().getWidth() - 72));
        }
        document.add(heading("Communes"));
        document.add(communeTable(features));
        document.add(new Paragraph("Secret statistique : les effectifs de 1 à 10 patients, et ce qui permettrait de "
                + "les retrouver, sont remplacés par « s ». APL : accessibilité potentielle localisée aux médecins "
                + "généralistes (DREES), sous-dotation en dessous de 2,5.", TEXT));
        document.close();
        return out.toByteArray();
    }

    /**
     * An image of the page.
     *
     * @param caption its heading in the report
     * @param png the PNG bytes
     */
    record Picture(String caption, byte[] png) {}

    private static String territoryName(TerritoryComparison.Comparison table) {
        var info = table.territory().territory();
        String kind = switch (info.level()) {
            case "epci" -> "EPCI ";
            case "departements" -> "département ";
            default -> "commune ";
        };
        return kind + String.join(", ", info.names()) + " (" + String.join(", ", info.codes()) + ")";
    }

    /** An image under its caption, kept on one page. */
    private static PdfPTable figure(Picture picture, float width) throws IOException {
        Image png = Image.getInstance(picture.png());
        png.scaleToFit(width, 330);
        PdfPTable figure = new PdfPTable(1);
        figure.setWidthPercentage(100);
        figure.setKeepTogether(true);
        figure.setSpacingBefore(12);
        PdfPCell caption = new PdfPCell(new Phrase(picture.caption(), HEADING));
        caption.setBorder(PdfPCell.NO_BORDER);
        caption.setPaddingBottom(6);
        figure.addCell(caption);
        PdfPCell image = new PdfPCell(png, false);
        image.setBorder(PdfPCell.NO_BORDER);
        image.setHorizontalAlignment(Element.ALIGN_CENTER);
        figure.addCell(image);
        return figure;
    }

    private static Paragraph heading(String text) {
        Paragraph heading = new Paragraph(text, HEADING);
        heading.setSpacingBefore(12);
        heading.setSpacingAfter(6);
        return heading;
    }

    private static PdfPTable comparisonTable(TerritoryComparison.Comparison table) throws IOException {
        boolean withDepartement = table.departement() != null;
        PdfPTable pdf = new PdfPTable(withDepartement ? new float[] {4, 1.6f, 1.6f, 1.6f} : new float[] {4, 1.6f, 1.6f});
        pdf.setWidthPercentage(100);
        pdf.setHeaderRows(1);
        header(pdf, "Indicateur");
        header(pdf, "Territoire");
        if (withDepartement) {
            header(pdf, "Département");
        }
        header(pdf, "Trois départements");
        for (TerritoryComparison.Row row : table.rows()) {
            pdf.addCell(new Phrase(row.label() + " (" + row.unit() + ")", TEXT));
            number(pdf, row.territory());
            if (withDepartement) {
                number(pdf, row.departement());
            }
            number(pdf, row.network());
        }
        return pdf;
    }

    private static PdfPTable communeTable(JsonNode features) {
        List<JsonNode> rows = new ArrayList<>(StreamSupport.stream(features.spliterator(), false)
                .map(f -> f.path("properties"))
                .sorted(Comparator.comparingLong((JsonNode p) -> p.path("population").asLong()).reversed())
                .toList());
        PdfPTable pdf = new PdfPTable(new float[] {3.4f, 1, 1.3f, 1, 1.3f, 1.3f, 1.3f});
        pdf.setWidthPercentage(100);
        pdf.setHeaderRows(1);
        for (String title : List.of("Commune", "Code", "Population", "APL", "Téléconsultations",
                "Pour 1 000 hab.", "Généralistes / 10 000 hab.")) {
            header(pdf, title);
        }
        for (JsonNode p : rows.subList(0, Math.min(rows.size(), MAX_COMMUNES))) {
            boolean secret = p.path("suppressed").asBoolean();
            pdf.addCell(new Phrase(p.path("name").asText(), TEXT));
            pdf.addCell(new Phrase(p.path("code").asText(), TEXT));
            right(pdf, format(p.path("population")));
            right(pdf, format(p.path("apl")));
            right(pdf, secret ? "s" : format(p.path("teleconsultations")));
            right(pdf, secret ? "s" : format(p.path("per1000Inhabitants")));
            right(pdf, format(p.path("gpsPer10000")));
        }
        if (rows.size() > MAX_COMMUNES) {
            PdfPCell note = new PdfPCell(new Phrase("… " + MAX_COMMUNES + " communes les plus peuplées sur "
                    + rows.size() + " ; toutes figurent dans l'export CSV.", TEXT));
            note.setColspan(7);
            pdf.addCell(note);
        }
        return pdf;
    }

    private static void header(PdfPTable table, String text) {
        PdfPCell cell = new PdfPCell(new Phrase(text, HEADER));
        cell.setGrayFill(0.9f);
        table.addCell(cell);
    }

    private static void number(PdfPTable table, @Nullable Figure figure) {
        right(table, figure == null ? "" : figure.suppressed() ? "s" : format(figure.value()));
    }

    private static void right(PdfPTable table, String text) {
        PdfPCell cell = new PdfPCell(new Phrase(text, TEXT));
        cell.setHorizontalAlignment(Element.ALIGN_RIGHT);
        table.addCell(cell);
    }

    private static String format(JsonNode value) {
        return value.isNumber() ? format(value.asDouble()) : "–";
    }

    static String format(@Nullable Double value) {
        if (value == null) {
            return "–";
        }
        NumberFormat french = NumberFormat.getNumberInstance(Locale.FRANCE);
        french.setMaximumFractionDigits(value == Math.rint(value) ? 0 : 2);
        // French grouping uses a narrow no-break space, which the PDF's standard font cannot draw
        return french.format(value).replace('\u202f', '\u00a0');
    }
}
