package fr.maillage.territory.importer;

import java.io.IOException;
import java.io.InputStream;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.parsers.ParserConfigurationException;
import org.apache.poi.openxml4j.exceptions.OpenXML4JException;
import org.apache.poi.openxml4j.opc.OPCPackage;
import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.util.CellReference;
import org.apache.poi.util.XMLHelper;
import org.apache.poi.xssf.eventusermodel.ReadOnlySharedStringsTable;
import org.apache.poi.xssf.eventusermodel.XSSFReader;
import org.apache.poi.xssf.eventusermodel.XSSFSheetXMLHandler;
import org.apache.poi.xssf.usermodel.XSSFComment;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;
import org.xml.sax.XMLReader;

/**
 * Reads DREES's APL workbook as published, sheet by sheet with POI's streaming (SAX) reader so that the whole
 * of France (35,000 communes per year) never sits in memory as a workbook.
 *
 * <p>The releases differ in sheet names, header row and column titles (see SOURCES.md), so nothing is found
 * by position: in every sheet the header row is the one with a cell starting with {@code Code commune}, and
 * each column is recognised by the start of its title. Sheets without such a row (the parameters sheet) are
 * ignored. The year comes from the sheet name ({@code APL 2023}, {@code APL_2019}) or else from the file name
 * ({@code APL_mg_2017.xlsx}).
 */
final class AplWorkbookReader {

    private static final Pattern YEAR = Pattern.compile("(?<!\\d)(20\\d{2}|19\\d{2})(?!\\d)");

    private AplWorkbookReader() {}

    static Parsed<Rows.Apl> read(InputStream workbook, String sourceName, DepartementFilter filter) {
        Parsed<Rows.Apl> parsed = new Parsed<>();
        Set<String> seen = new HashSet<>();
        try (OPCPackage pkg = OPCPackage.open(workbook)) {
            XSSFReader reader = new XSSFReader(pkg);
            ReadOnlySharedStringsTable strings = new ReadOnlySharedStringsTable(pkg);
            XSSFReader.SheetIterator sheets = (XSSFReader.SheetIterator) reader.getSheetsData();
            while (sheets.hasNext()) {
                try (InputStream sheet = sheets.next()) {
                    Optional<Integer> year = yearOf(sheets.getSheetName()).or(() -> yearOf(sourceName));
                    SheetHandler handler = new SheetHandler(year.orElse(null), filter, parsed, seen);
                    XMLReader xml = XMLHelper.newXMLReader();
                    xml.setContentHandler(new XSSFSheetXMLHandler(
                            reader.getStylesTable(), null, strings, handler, new RawNumbers(), false));
                    xml.parse(new InputSource(sheet));
                }
            }
        } catch (IOException | OpenXML4JException | SAXException | ParserConfigurationException e) {
            throw new IllegalArgumentException("not a readable .xlsx workbook: " + e.getMessage(), e);
        }
        return parsed;
    }

    static Optional<Integer> yearOf(String name) {
        Matcher matcher = YEAR.matcher(name == null ? "" : name);
        return matcher.find() ? Optional.of(Integer.valueOf(matcher.group(1))) : Optional.empty();
    }

    /** Numbers as stored, whatever the cell's display format (which rounds APL to fewer decimals). */
    private static final class RawNumbers extends DataFormatter {
        RawNumbers() {
            super(Locale.ROOT);
        }

        @Override
        public String formatRawCellContents(double value, int formatIndex, String formatString) {
            return Double.toString(value);
        }

        @Override
        public String formatRawCellContents(
                double value, int formatIndex, String formatString, boolean use1904Windowing) {
            return Double.toString(value);
        }
    }

    private enum Column {
        CODE,
        APL,
        APL_UNDER_65,
        STANDARDISED_POPULATION,
        TOTAL_POPULATION;

        /** Recognises a header title of any documented release, or none. */
        static Optional<Column> of(String title) {
            String t = title.replaceAll("\\s+", " ").trim().toLowerCase(Locale.ROOT);
            if (t.startsWith("code commune")) {
                return Optional.of(CODE);
            } else if (t.startsWith("apl aux médecins généralistes") && t.contains("moins de 65")) {
                return Optional.of(APL_UNDER_65);
            } else if (t.startsWith("apl aux médecins généralistes") && !t.contains("moins de")) {
                return Optional.of(APL);
            } else if (t.startsWith("population standardisée")) {
                return Optional.of(STANDARDISED_POPULATION);
            } else if (t.startsWith("population totale")) {
                return Optional.of(TOTAL_POPULATION);
            }
            return Optional.empty();
        }
    }

    private static final class SheetHandler implements XSSFSheetXMLHandler.SheetContentsHandler {

        private final Integer year;
        private final DepartementFilter filter;
        private final Parsed<Rows.Apl> parsed;
        private final Set<String> seen;
        private final Map<Short, Column> columns = new HashMap<>();
        private final Map<Short, String> row = new HashMap<>();

        SheetHandler(Integer year, DepartementFilter filter, Parsed<Rows.Apl> parsed, Set<String> seen) {
            this.year = year;
            this.filter = filter;
            this.parsed = parsed;
            this.seen = seen;
        }

        @Override
        public void startRow(int rowNum) {
            row.clear();
        }

        @Override
        public void cell(String reference, String value, XSSFComment comment) {
            if (value != null && !value.isBlank()) {
                row.put(new CellReference(reference).getCol(), value.trim());
            }
        }

        @Override
        public void endRow(int rowNum) {
            if (columns.isEmpty()) {
                findHeader(rowNum);
                return;
            }
            String rawCode = cell(Column.CODE);
            if (rawCode.isEmpty()) {
                return; // the units row under the header, blank lines and notes: not data
            }
            parsed.read();
            String code = InseeCodes.normalise(integral(rawCode));
            Double apl = ReferenceCsv.doubleOrNull(cell(Column.APL));
            if (!InseeCodes.isCommune(code)) {
                parsed.skip(ReferenceCsv.INVALID_CODE);
            } else if (!filter.accepts(code)) {
                parsed.skip(ReferenceCsv.OTHER_DEPARTEMENT);
            } else if (year == null) {
                parsed.skip("year not found in the sheet or file name");
            } else if (apl == null) {
                parsed.skip("missing or non-numeric APL");
            } else if (!seen.add(code + "/" + year)) {
                parsed.skip(ReferenceCsv.DUPLICATE);
            } else {
                Double total = ReferenceCsv.doubleOrNull(cell(Column.TOTAL_POPULATION));
                parsed.keep(new Rows.Apl(code, year, apl,
                        ReferenceCsv.doubleOrNull(cell(Column.APL_UNDER_65)),
                        ReferenceCsv.doubleOrNull(cell(Column.STANDARDISED_POPULATION)),
                        total == null ? null : (int) Math.round(total)));
            }
        }

        private void findHeader(int rowNum) {
            Map<Short, Column> found = new HashMap<>();
            row.forEach((col, title) -> Column.of(title).ifPresent(column -> found.put(col, column)));
            if (!found.containsValue(Column.CODE)) {
                return;
            }
            if (!found.containsValue(Column.APL)) {
                throw new IllegalArgumentException("header row " + (rowNum + 1)
                        + " has no 'APL aux médecins généralistes' column: " + row.values());
            }
            columns.putAll(found);
        }

        private String cell(Column column) {
            for (Map.Entry<Short, Column> entry : columns.entrySet()) {
                if (entry.getValue() == column) {
                    return row.getOrDefault(entry.getKey(), "");
                }
            }
            return "";
        }

        /** A code stored as a number ({@code 1001.0}) back to its digits. */
        private static String integral(String raw) {
            return raw.endsWith(".0") ? raw.substring(0, raw.length() - 2) : raw;
        }
    }
}
