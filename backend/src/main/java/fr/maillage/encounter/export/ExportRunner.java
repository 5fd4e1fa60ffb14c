package fr.maillage.encounter.export;

import io.micronaut.json.JsonMapper;
import io.micronaut.scheduling.annotation.Scheduled;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Runs export jobs one after the other in the background, and removes them once their retention has passed. */
@Singleton
class ExportRunner {

    private static final Logger log = LoggerFactory.getLogger(ExportRunner.class);

    private final ExportJobRepository jobs;
    private final ExportWriter writer;
    private final ExportConfiguration configuration;
    private final JsonMapper json;
    private final Clock clock = Clock.systemUTC();
    private final ExecutorService executor =
            Executors.newSingleThreadExecutor(r -> new Thread(r, "fhir-bulk-export"));

    ExportRunner(ExportJobRepository jobs, ExportWriter writer, ExportConfiguration configuration, JsonMapper json) {
        this.jobs = jobs;
        this.writer = writer;
        this.configuration = configuration;
        this.json = json;
    }

    Path directory(UUID jobId) {
        return configuration.directory().resolve(jobId.toString());
    }

    void submit(ExportJob job) {
        executor.submit(() -> run(job));
    }

    private void run(ExportJob job) {
        try {
            Path directory = Files.createDirectories(directory(job.id()));
            List<Map<String, Object>> output = new ArrayList<>();
            for (String type : job.types().split(",")) {
                Path file = directory.resolve(type + ".ndjson");
                long count = switch (type) {
                    case "Encounter" -> writer.encounters(job, file);
                    case "Location" -> writer.locations(job, file);
                    case "QuestionnaireResponse" -> writer.questionnaireResponses(job, file);
                    default -> throw new IllegalStateException("no writer for " + type);
                };
                output.add(Map.of("type", type, "count", count));
            }
            jobs.finish(job.id(), ExportStatus.COMPLETED.name(), clock.instant(), null,
                    json.writeValueAsString(output));
            log.info("bulk export completed [job: {}, output: {}]", job.id(), output);
        } catch (IOException | RuntimeException e) {
            log.warn("bulk export failed [job: {}]", job.id(), e);
            jobs.finish(job.id(), ExportStatus.FAILED.name(), clock.instant(), e.getMessage(), "[]");
        }
    }

    /** Deletes the files and the record of a job. */
    void delete(UUID jobId) {
        Path directory = directory(jobId);
        if (Files.exists(directory)) {
            try (Stream<Path> files = Files.walk(directory)) {
                for (Path path : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(path);
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot delete export files of " + jobId, e);
            }
        }
        jobs.deleteById(jobId);
    }

    @Scheduled(fixedDelay = "1h", initialDelay = "5m")
    void removeExpired() {
        Instant before = clock.instant().minus(configuration.retention());
        for (ExportJob job : jobs.findByCompletedAtLessThan(before)) {
            delete(job.id());
        }
    }

    @PreDestroy
    void stop() {
        executor.shutdownNow();
    }
}
