package fr.maillage.territory.importer;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * A comma-separated UTF-8 file with a header row (RFC 4180 quoting), read row by row with cells looked up by
 * column name. The shipped reference files are in this form; INSEE's files are the same with {@code ;}.
 */
final class CsvTable {

    private CsvTable() {}

    /** A data row, its cells addressed by header name. */
    record Row(Map<String, Integer> columns, List<String> cells) {

        /** @return the trimmed cell, or an empty string when the row is shorter than the header */
        String get(String column) {
            Integer index = columns.get(column);
            if (index == null) {
                throw new IllegalArgumentException("no column '" + column + "' in the header " + columns.keySet());
            }
            return index < cells.size() ? cells.get(index).trim() : "";
        }
    }

    /**
     * Reads every data row.
     *
     * @param required columns that must be in the header
     * @throws IllegalArgumentException when the header lacks one of them
     */
    static void read(InputStream in, List<String> required, Consumer<Row> consumer) {
        read(in, ',', header -> required, consumer);
    }

    /**
     * Reads every data row of a file whose required columns depend on its header (INSEE prefixes them with the
     * census year).
     *
     * @param required given the header's column names, those that must be there
     * @throws IllegalArgumentException when the header lacks one of them, or {@code required} refuses it
     */
    static void read(InputStream in, char separator, Function<Set<String>, List<String>> required,
            Consumer<Row> consumer) {
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String headerLine = reader.readLine();
            if (headerLine == null) {
                throw new IllegalArgumentException("empty file: no header row");
            }
            Map<String, Integer> columns = new HashMap<>();
            List<String> header =
                    split(headerLine.startsWith("\uFEFF") ? headerLine.substring(1) : headerLine, separator);
            for (int i = 0; i < header.size(); i++) {
                columns.put(header.get(i).trim(), i);
            }
            List<String> missing = required.apply(columns.keySet()).stream().filter(c -> !columns.containsKey(c)).toList();
            if (!missing.isEmpty()) {
                throw new IllegalArgumentException("missing columns " + missing + " in header " + header);
            }
            String line;
            while ((line = reader.readLine()) != null) {
                if (!line.isBlank()) {
                    consumer.accept(new Row(columns, split(line, separator)));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Splits one line; quoted cells may contain the separator and doubled quotes (not line breaks: none in our files). */
    static List<String> split(String line, char separator) {
        List<String> cells = new ArrayList<>();
        StringBuilder cell = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                    cell.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    cell.append(c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == separator) {
                cells.add(cell.toString());
                cell.setLength(0);
            } else {
                cell.append(c);
            }
        }
        cells.add(cell.toString());
        return cells;
    }
}
