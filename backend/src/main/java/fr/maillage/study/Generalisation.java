package fr.maillage.study;

import static fr.maillage.territory.Thresholds.SMALL_CELL_THRESHOLD;

import io.micronaut.core.annotation.Nullable;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Local recoding of the territory so that every published combination of age band × sex × territory has at least
 * {@link fr.maillage.territory.Thresholds#SMALL_CELL_THRESHOLD} rows: rows whose (age band, sex, commune) group is
 * smaller are published with their EPCI, those still in a small (age band, sex, EPCI) group with their
 * département, and those still in a small group at that level are withheld (and counted).
 */
final class Generalisation {

    /** The territory level a row is published at. */
    enum Level {
        COMMUNE(DatasetRow::commune),
        EPCI(DatasetRow::epci),
        DEPARTEMENT(DatasetRow::departement);

        private final Function<DatasetRow, String> code;

        Level(Function<DatasetRow, String> code) {
            this.code = code;
        }

        @Nullable String code(DatasetRow row) {
            return code.apply(row);
        }
    }

    /** A row with the territory it is published at. */
    record Published(DatasetRow row, Level level, String territory) {}

    /**
     * @param rows published rows, each in a group of at least 11
     * @param withheld rows no level could hide in a group of 11
     * @param byLevel rows published at each level
     */
    record Result(List<Published> rows, int withheld, Map<Level, Integer> byLevel) {}

    private Generalisation() {}

    static Result apply(List<DatasetRow> rows) {
        List<Published> published = new ArrayList<>();
        Map<Level, Integer> byLevel = new EnumMap<>(Level.class);
        List<DatasetRow> pending = rows;
        for (Level level : Level.values()) {
            Map<String, List<DatasetRow>> groups = pending.stream()
                    .collect(Collectors.groupingBy(row -> key(row, level), LinkedHashMap::new, Collectors.toList()));
            List<DatasetRow> smaller = new ArrayList<>();
            groups.forEach((key, members) -> {
                String territory = level.code(members.getFirst());
                if (territory != null && members.size() >= SMALL_CELL_THRESHOLD) {
                    members.forEach(row -> published.add(new Published(row, level, territory)));
                    byLevel.merge(level, members.size(), Integer::sum);
                } else {
                    smaller.addAll(members);
                }
            });
            pending = smaller;
        }
        return new Result(published, pending.size(), byLevel);
    }

    private static String key(DatasetRow row, Level level) {
        return row.ageBand() + "|" + row.sex() + "|" + level.code(row);
    }
}
