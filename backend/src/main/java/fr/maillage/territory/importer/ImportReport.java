package fr.maillage.territory.importer;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.serde.annotation.Serdeable;
import java.util.Map;

/**
 * What one import did.
 *
 * @param dataset the dataset imported
 * @param source the file or classpath resource read
 * @param departements the départements kept ({@code France} for all)
 * @param read data rows read from the source
 * @param inserted rows that were new
 * @param updated rows whose values changed
 * @param unchanged rows already stored with the same values
 * @param deleted rows removed because the new source no longer has them (communes merged away, practitioners
 *     gone)
 * @param skipped rows not imported, counted by reason in {@code skipReasons}
 * @param skipReasons reason → number of rows
 * @param durationMs wall time of the import
 */
@Serdeable
@JsonInclude(JsonInclude.Include.ALWAYS)
public record ImportReport(
        Dataset dataset,
        String source,
        String departements,
        int read,
        int inserted,
        int updated,
        int unchanged,
        int deleted,
        int skipped,
        Map<String, Integer> skipReasons,
        long durationMs) {}
