package fr.maillage.territory.indicator;

import static fr.maillage.territory.Thresholds.SMALL_CELL_THRESHOLD;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Secret statistique applied to everything an evaluator sees: a count of patients from 1 to
 * {@link fr.maillage.territory.Thresholds#SMALL_CELL_THRESHOLD} − 1 is published as null with
 * {@code suppressed: true}, and so is every figure it could be recomputed from (its rate, its share, the
 * complement of a share, and in a distribution whose total is shown, a second cell so that the hidden one
 * cannot be found by subtraction). Zero is published: it describes nobody.
 */
public final class Disclosure {

    private Disclosure() {}

    /** A published number, or null when suppressed. */
    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record Figure(@Nullable Double value, boolean suppressed) {}

    /**
     * One category of a distribution.
     *
     * @param code the category (enum name, or {@code UNKNOWN} when not recorded)
     * @param count patients in it, null when suppressed
     * @param share count / total of the distribution, null when suppressed
     * @param suppressed whether count and share are hidden
     */
    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record Cell(String code, @Nullable Long count, @Nullable Double share, boolean suppressed) {}

    public static boolean isSecret(long count) {
        return count > 0 && count < SMALL_CELL_THRESHOLD;
    }

    public static Figure count(long count) {
        return isSecret(count) ? new Figure(null, true) : new Figure((double) count, false);
    }

    /** A rate derived from a count: hidden with it, since the rate times the base gives the count back. */
    public static Figure rate(long count, double base, double per) {
        if (isSecret(count)) {
            return new Figure(null, true);
        }
        return new Figure(base > 0 ? count * per / base : null, false);
    }

    /** A share: hidden when either the part or the rest of the whole is secret. */
    public static Figure share(long part, long whole) {
        if (isSecret(part) || isSecret(whole - part)) {
            return new Figure(null, true);
        }
        return new Figure(whole > 0 ? (double) part / whole : null, false);
    }

    /**
     * A distribution whose cells add up to {@code total}. Secret cells are hidden; when exactly one is, the
     * smallest other non-zero cell is hidden as well (complementary suppression). Cells come in the map's order, so
     * a caller with ordered categories (distance bands, before/after) keeps them in reading order.
     */
    public static List<Cell> distribution(Map<String, Long> counts, long total) {
        List<String> hidden = new ArrayList<>(counts.entrySet().stream()
                .filter(e -> isSecret(e.getValue()) || isSecret(total))
                .map(Map.Entry::getKey)
                .toList());
        if (hidden.size() == 1) {
            counts.entrySet().stream()
                    .filter(e -> e.getValue() > 0 && !hidden.contains(e.getKey()))
                    .min(Map.Entry.<String, Long>comparingByValue().thenComparing(Map.Entry.comparingByKey()))
                    .ifPresent(e -> hidden.add(e.getKey()));
        }
        return counts.entrySet().stream()
                .map(e -> hidden.contains(e.getKey())
                        ? new Cell(e.getKey(), null, null, true)
                        : new Cell(e.getKey(), e.getValue(), total > 0 ? (double) e.getValue() / total : null, false))
                .toList();
    }
}
