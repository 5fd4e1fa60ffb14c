package fr.maillage.ogc.layer;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * One published property of a layer, defined once for the OGC features, the CSV and GeoJSON exports and the
 * codebook that documents them.
 *
 * @param name the property (and CSV column) name
 * @param meaning what it is, for the codebook
 * @param unit its unit, or "" for codes and names
 * @param source where the figure comes from
 * @param value reads it from a row; null when unknown or suppressed
 */
public record Column<T>(String name, String meaning, String unit, String source, Function<T, Object> value) {

    /** A row's properties in column order (nulls kept, so every feature has the same fields). */
    public static <T> Map<String, Object> properties(List<Column<T>> columns, T row) {
        Map<String, Object> properties = new LinkedHashMap<>();
        columns.forEach(column -> properties.put(column.name(), column.value().apply(row)));
        return properties;
    }
}
