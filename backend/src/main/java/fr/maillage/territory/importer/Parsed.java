package fr.maillage.territory.importer;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Rows parsed from a source, with the count of rows read and of those skipped by reason. The parsers fill it;
 * the importer then stores the rows.
 *
 * @param <T> the row type
 */
final class Parsed<T> {

    private final ArrayList<T> rows = new ArrayList<>();
    private final Map<String, Integer> skipReasons = new TreeMap<>();
    private int read;

    void read() {
        read++;
    }

    void keep(T row) {
        rows.add(row);
    }

    void skip(String reason) {
        skipReasons.merge(reason, 1, Integer::sum);
    }

    List<T> rows() {
        return Collections.unmodifiableList(rows);
    }

    int readCount() {
        return read;
    }

    Map<String, Integer> skipReasons() {
        return Collections.unmodifiableMap(skipReasons);
    }
}
