package fr.maillage.ogc.export;

import io.micronaut.serde.annotation.Serdeable;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * What one export wrote.
 *
 * @param generatedAt when
 * @param from first day of the figures
 * @param to last day of the figures
 * @param files the files, {@code SHA256SUMS} last
 */
@Serdeable
public record OpenDataExport(Instant generatedAt, LocalDate from, LocalDate to, List<OpenDataFile> files) {}
