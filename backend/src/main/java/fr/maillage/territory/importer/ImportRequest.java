package fr.maillage.territory.importer;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.util.List;

/**
 * An import asked through the admin API.
 *
 * @param dataset the dataset; null with no path imports every shipped dataset
 * @param path a file on the server (RPPS extractions are hundreds of megabytes, so they are not uploaded); null
 *     takes the dataset's shipped file
 * @param departements département codes to keep; null or empty keeps the whole file
 */
@Serdeable
@JsonInclude(JsonInclude.Include.ALWAYS)
public record ImportRequest(@Nullable Dataset dataset, @Nullable String path, @Nullable List<String> departements) {}
