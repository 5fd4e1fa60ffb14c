package fr.maillage.fhir.build;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.context.support.DefaultProfileValidationSupport;
import ca.uhn.fhir.parser.IParser;
import ca.uhn.hapi.converters.canonical.VersionCanonicalizer;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.hl7.fhir.common.hapi.validation.support.CommonCodeSystemsTerminologyService;
import org.hl7.fhir.common.hapi.validation.support.InMemoryTerminologyServerValidationSupport;
import org.hl7.fhir.common.hapi.validation.support.PrePopulatedValidationSupport;
import org.hl7.fhir.common.hapi.validation.support.ValidationSupportChain;
import org.hl7.fhir.common.hapi.validation.validator.ProfileKnowledgeWorkerR5;
import org.hl7.fhir.common.hapi.validation.validator.WorkerContextValidationSupportAdapter;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.CanonicalType;
import org.hl7.fhir.r4.model.ElementDefinition;
import org.hl7.fhir.r4.model.StructureDefinition;
import org.hl7.fhir.r5.conformance.profile.ProfileUtilities;
import org.hl7.fhir.r5.context.IWorkerContext;
import org.hl7.fhir.utilities.json.model.JsonObject;
import org.hl7.fhir.utilities.json.parser.JsonParser;
import org.hl7.fhir.utilities.validation.ValidationMessage;

/**
 * Build step of this module (run by Maven at {@code process-classes}): replaces each StructureDefinition of the
 * copied package folder by the same definition with its snapshot, then packs the folder as a FHIR NPM tarball.
 *
 * <p>The differentials in {@code src/main/resources} stay the one source. Snapshots are generated here, once,
 * so that the packaged resources are complete for any FHIR tool, and an application that loads them generates
 * nothing at start-up.
 *
 * <p>A definition is generated only after the package's definitions it builds on (its base, the extensions and
 * profiles its elements name), and each generation sees exactly one version of every definition: the generated
 * one where it exists. Any error the snapshot generator reports fails the build.
 *
 * <p>Usage: {@code SnapshotGenerator <package folder> <tarball to write>}.
 */
public final class SnapshotGenerator {

    private final FhirContext ctx;
    private final DefaultProfileValidationSupport core;
    private final VersionCanonicalizer canonicalizer;

    SnapshotGenerator(FhirContext ctx) {
        this.ctx = ctx;
        this.core = new DefaultProfileValidationSupport(ctx);
        this.canonicalizer = new VersionCanonicalizer(ctx);
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 2) {
            throw new IllegalArgumentException("usage: SnapshotGenerator <package folder> <tarball to write>");
        }
        Path folder = Path.of(args[0]);
        Path tarball = Path.of(args[1]);
        FhirContext ctx = FhirContext.forR4();
        new SnapshotGenerator(ctx).generateInPlace(folder);
        pack(folder, tarball);
    }

    /** Rewrites every StructureDefinition file of {@code folder} (as listed in its .index.json) with a snapshot. */
    void generateInPlace(Path folder) throws IOException {
        IParser parser = ctx.newJsonParser().setPrettyPrint(true);
        Map<String, Path> files = new LinkedHashMap<>();
        List<IBaseResource> others = new ArrayList<>();
        Map<String, StructureDefinition> definitions = new LinkedHashMap<>();
        JsonObject index = JsonParser.parseObject(Files.readString(folder.resolve(".index.json")));
        for (JsonObject entry : index.getJsonObjects("files")) {
            Path file = folder.resolve(entry.asString("filename"));
            IBaseResource resource = parser.parseResource(Files.readString(file, StandardCharsets.UTF_8));
            if (resource instanceof StructureDefinition sd) {
                definitions.put(sd.getUrl(), sd);
                files.put(sd.getUrl(), file);
            } else {
                others.add(resource);
            }
        }
        for (String url : dependencyOrder(definitions)) {
            StructureDefinition withSnapshot = generate(definitions.get(url), definitions, others);
            definitions.put(url, withSnapshot);
            Files.writeString(files.get(url), parser.encodeResourceToString(withSnapshot), StandardCharsets.UTF_8);
        }
    }

    /**
     * The snapshot of {@code differential}, generated against a fresh chain that holds each definition once, so
     * no cache can serve a differential-only version of a definition that was already generated.
     */
    StructureDefinition generate(
            StructureDefinition differential, Map<String, StructureDefinition> current, List<IBaseResource> others) {
        PrePopulatedValidationSupport packaged = new PrePopulatedValidationSupport(ctx);
        current.values().forEach(packaged::addStructureDefinition);
        others.forEach(packaged::addResource);
        // The generator expands value sets to check bindings that a profile narrows, hence the terminology.
        IWorkerContext worker = new WorkerContextValidationSupportAdapter(new ValidationSupportChain(
                core,
                packaged,
                new CommonCodeSystemsTerminologyService(ctx),
                new InMemoryTerminologyServerValidationSupport(ctx)));

        var derived = canonicalizer.structureDefinitionToCanonical(differential.copy());
        derived.setSnapshot(null);
        var base = worker.fetchResource(org.hl7.fhir.r5.model.StructureDefinition.class, derived.getBaseDefinition());
        if (base == null || !base.hasSnapshot()) {
            throw new IllegalStateException(differential.getUrl() + ": base " + derived.getBaseDefinition()
                    + " is unknown or has no snapshot");
        }
        List<ValidationMessage> messages = new ArrayList<>();
        var utilities = new ProfileUtilities(worker, messages, new ProfileKnowledgeWorkerR5(ctx));
        utilities.generateSnapshot(base, derived, derived.getUrl(), null, derived.getName());
        String errors = messages.stream()
                .filter(m -> m.getLevel() == ValidationMessage.IssueSeverity.ERROR
                        || m.getLevel() == ValidationMessage.IssueSeverity.FATAL)
                .map(m -> m.getLocation() + ": " + m.getMessage())
                .collect(Collectors.joining("\n  "));
        if (!errors.isEmpty()) {
            throw new IllegalStateException("snapshot of " + differential.getUrl() + " has errors:\n  " + errors);
        }
        var generated = (StructureDefinition) canonicalizer.structureDefinitionFromCanonical(derived);
        if (!generated.hasSnapshot() || generated.getSnapshot().getElement().isEmpty()) {
            throw new IllegalStateException("empty snapshot generated for " + differential.getUrl());
        }
        return generated;
    }

    /** The package's definitions, each after every package definition its differential builds on. */
    static List<String> dependencyOrder(Map<String, StructureDefinition> definitions) {
        Set<String> ordered = new LinkedHashSet<>();
        Set<String> visiting = new LinkedHashSet<>();
        for (String url : definitions.keySet()) {
            visit(url, definitions, ordered, visiting);
        }
        return List.copyOf(ordered);
    }

    private static void visit(
            String url, Map<String, StructureDefinition> definitions, Set<String> ordered, Set<String> visiting) {
        if (ordered.contains(url)) {
            return;
        }
        if (!visiting.add(url)) {
            throw new IllegalStateException("definitions depend on each other in a cycle: " + visiting);
        }
        for (String dependency : dependencies(definitions.get(url))) {
            if (definitions.containsKey(dependency) && !dependency.equals(url)) {
                visit(dependency, definitions, ordered, visiting);
            }
        }
        visiting.remove(url);
        ordered.add(url);
    }

    /** Canonical URLs (without version) whose snapshots the generation of {@code sd} reads. */
    private static Set<String> dependencies(StructureDefinition sd) {
        Set<String> urls = new LinkedHashSet<>();
        urls.add(unversioned(sd.getBaseDefinition()));
        for (ElementDefinition element : sd.getDifferential().getElement()) {
            for (ElementDefinition.TypeRefComponent type : element.getType()) {
                for (CanonicalType profile : type.getProfile()) {
                    urls.add(unversioned(profile.getValue()));
                }
            }
        }
        return urls;
    }

    private static String unversioned(String canonical) {
        return canonical == null ? "" : canonical.replaceFirst("\\|.*$", "");
    }

    /**
     * Packs the folder as the NPM tarball other FHIR tools install: every file under {@code package/}, in a
     * stable order.
     */
    static void pack(Path folder, Path tarball) throws IOException {
        Files.createDirectories(tarball.toAbsolutePath().getParent());
        List<Path> files;
        try (var walk = Files.walk(folder)) {
            files = walk.filter(Files::isRegularFile).sorted().toList();
        }
        try (var tar = new TarArchiveOutputStream(new GzipCompressorOutputStream(Files.newOutputStream(tarball)))) {
            tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
            for (Path file : files) {
                var entry = new TarArchiveEntry(file.toFile(), "package/" + folder.relativize(file).toString()
                        .replace('\\', '/'));
                tar.putArchiveEntry(entry);
                Files.copy(file, tar);
                tar.closeArchiveEntry();
            }
        }
    }
}
