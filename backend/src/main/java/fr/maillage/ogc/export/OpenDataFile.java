package fr.maillage.ogc.export;

import io.micronaut.serde.annotation.Serdeable;

/**
 * A file of the open-data directory.
 *
 * @param name its name, and its path under {@code /api/opendata/files/}
 * @param bytes its size
 * @param sha256 its SHA-256, hexadecimal, as in {@code SHA256SUMS}
 */
@Serdeable
public record OpenDataFile(String name, long bytes, String sha256) {}
