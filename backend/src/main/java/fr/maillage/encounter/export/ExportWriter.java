package fr.maillage.encounter.export;

import ca.uhn.fhir.context.FhirContext;
import fr.maillage.encounter.LocationFinder;
import fr.maillage.encounter.LocationMapper;
import fr.maillage.encounter.SiteLocation;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.Timestamp;

/** Writes one resource type of an export as NDJSON: one resource per line, as stored. */
@Singleton
class ExportWriter {

    /** Rows fetched per round trip; PostgreSQL streams with a cursor only inside a transaction. */
    private static final int FETCH_SIZE = 1_000;

    private final JdbcOperations jdbc;
    private final LocationFinder locations;
    private final LocationMapper locationMapper;
    private final FhirContext fhir;

    ExportWriter(JdbcOperations jdbc, LocationFinder locations, LocationMapper locationMapper, FhirContext fhir) {
        this.jdbc = jdbc;
        this.locations = locations;
        this.locationMapper = locationMapper;
        this.fhir = fhir;
    }

    /** @return the number of resources written */
    @Transactional(readOnly = true)
    long encounters(ExportJob job, Path file) {
        return stored("encounter", job, file);
    }

    /** The questionnaire responses of the sessions at the job's sites, as stored. */
    @Transactional(readOnly = true)
    long questionnaireResponses(ExportJob job, Path file) {
        return stored("questionnaire_response", job, file);
    }

    /**
     * Writes the stored resources of {@code table} (one with {@code site_id}, {@code updated_at} and
     * {@code resource} columns) updated by the job's transaction time, since its {@code _since}, at the sites of its
     * group.
     *
     * @return the number of resources written
     */
    private long stored(String table, ExportJob job, Path file) {
        String sql = "SELECT r.resource::text FROM " + table + " r JOIN site s ON s.id = r.site_id"
                + " WHERE r.updated_at <= ?"
                + (job.since() == null ? "" : " AND r.updated_at > ?")
                + (job.groupId() == null ? "" : " AND s.insee_code LIKE ? || '%'")
                + " ORDER BY r.id";
        return jdbc.prepareStatement(sql, statement -> {
            int i = 1;
            statement.setTimestamp(i++, Timestamp.from(job.transactionTime()));
            if (job.since() != null) {
                statement.setTimestamp(i++, Timestamp.from(job.since()));
            }
            if (job.groupId() != null) {
                statement.setString(i, job.groupId());
            }
            statement.setFetchSize(FETCH_SIZE);
            try (ResultSet rs = statement.executeQuery(); BufferedWriter out = writer(file)) {
                long count = 0;
                while (rs.next()) {
                    // jsonb's text form has no line breaks, so each resource is one NDJSON line as it is.
                    out.write(rs.getString(1));
                    out.newLine();
                    count++;
                }
                return count;
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write " + file, e);
            }
        });
    }

    /** @return the number of resources written */
    long locations(ExportJob job, Path file) {
        var parser = fhir.newJsonParser();
        try (BufferedWriter out = writer(file)) {
            long count = 0;
            for (SiteLocation site : locations.all(job.groupId())) {
                out.write(parser.encodeResourceToString(locationMapper.toLocation(site)));
                out.newLine();
                count++;
            }
            return count;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    private static BufferedWriter writer(Path file) throws IOException {
        return Files.newBufferedWriter(file, StandardCharsets.UTF_8);
    }
}
