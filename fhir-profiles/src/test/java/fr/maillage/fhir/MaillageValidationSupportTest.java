package fr.maillage.fhir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.validation.ResultSeverityEnum;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.MetadataResource;
import org.hl7.fhir.r4.model.NamingSystem;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.StructureDefinition;
import org.hl7.fhir.utilities.json.model.JsonObject;
import org.hl7.fhir.utilities.json.parser.JsonParser;
import org.hl7.fhir.utilities.npm.NpmPackage;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class MaillageValidationSupportTest {

    @Test
    @DisplayName("one call validates an Encounter against the profile it declares")
    void oneCallValidatesAnEncounter() {
        Encounter encounter = Fixtures.example(Encounter.class, "Encounter-session-finished.json");

        var valid = Fixtures.VALIDATOR.validateWithResult(encounter);
        encounter.getPeriod().setEnd(null);
        var invalid = Fixtures.VALIDATOR.validateWithResult(encounter);

        assertThat(valid.isSuccessful()).as(Fixtures.describe(valid.getMessages())).isTrue();
        assertThat(invalid.isSuccessful()).isFalse();
    }

    @Test
    @DisplayName("a code from a code system unknown offline (INSEE) is at most a warning")
    void unknownExternalCodeSystemIsAWarning() {
        Encounter encounter = Fixtures.example(Encounter.class, "Encounter-session-finished.json");

        var messages = Fixtures.VALIDATOR.validateWithResult(encounter).getMessages();

        assertThat(messages)
                .filteredOn(m -> m.getMessage().contains("TRE-R13-CommuneOM"))
                .isNotEmpty()
                .allSatisfy(m -> assertThat(m.getSeverity()).isIn(ResultSeverityEnum.WARNING, ResultSeverityEnum.INFORMATION));
    }

    @Test
    @DisplayName("an Encounter that declares no profile is still checked against the base resource only")
    void undeclaredProfileIsNotAssumed() {
        Encounter encounter = Fixtures.example(Encounter.class, "Encounter-session-finished.json");
        encounter.getMeta().getProfile().clear();
        encounter.getPeriod().setEnd(null);

        assertThat(Fixtures.VALIDATOR.validateWithResult(encounter).isSuccessful()).isTrue();
    }

    @Test
    @DisplayName("the chain refuses a FHIR context of another version")
    void refusesOtherFhirVersions() {
        assertThatThrownBy(() -> MaillageValidationSupport.create(FhirContext.forR5Cached()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("R4");
    }

    @Test
    @DisplayName("the conformance resources are loaded as listed in the package index, with the built snapshots")
    void loadsTheIndexedResources() throws IOException {
        JsonObject index = JsonParser.parseObject(Files.readString(Fixtures.packageDir().resolve(".index.json")));
        List<IBaseResource> resources = MaillageValidationSupport.loadConformanceResources(Fixtures.CTX);

        assertThat(resources).hasSameSizeAs(index.getJsonObjects("files"));
        for (int i = 0; i < resources.size(); i++) {
            JsonObject entry = index.getJsonObjects("files").get(i);
            Resource resource = (Resource) resources.get(i);
            assertThat(resource.fhirType()).isEqualTo(entry.asString("resourceType"));
            assertThat(resource.getIdElement().getIdPart()).isEqualTo(entry.asString("id"));
            // R4's NamingSystem has neither url nor version: its identity is its uniqueId.
            if (resource instanceof MetadataResource metadata && !(resource instanceof NamingSystem)) {
                assertThat(metadata.getUrl()).isEqualTo(entry.asString("url"));
                assertThat(metadata.getVersion()).isEqualTo(MaillageFhir.PACKAGE_VERSION);
            }
            if (resource instanceof StructureDefinition sd) {
                assertThat(sd.getSnapshot().getElement()).as(sd.getUrl()).isNotEmpty();
            }
        }
    }

    @Test
    @DisplayName("the package index lists every conformance file of the folder, and nothing else")
    void indexListsEveryFile() throws IOException {
        JsonObject index = JsonParser.parseObject(Files.readString(Fixtures.packageDir().resolve(".index.json")));
        List<String> indexed = index.getJsonObjects("files").stream()
                .map(f -> f.asString("filename"))
                .sorted()
                .toList();
        List<String> onDisk = Fixtures.jsonFiles(Fixtures.packageDir()).stream()
                .map(p -> p.getFileName().toString())
                .toList();

        assertThat(indexed).isEqualTo(onDisk);
    }

    @Test
    @DisplayName("the FHIR NPM tooling reads the folder as package fr.maillage.fhir 0.1.0 for FHIR 4.0.1")
    void npmToolingReadsThePackage() throws IOException {
        Path root = Fixtures.packageDir().getParent();

        NpmPackage npm = NpmPackage.fromFolder(root.toString());

        assertThat(npm.name()).isEqualTo(MaillageFhir.PACKAGE_NAME);
        assertThat(npm.version()).isEqualTo(MaillageFhir.PACKAGE_VERSION);
        assertThat(npm.fhirVersionList()).isEqualTo("4.0.1");
        assertThat(npm.dependencies()).containsExactly("hl7.fhir.r4.core#4.0.1");
        assertThat(npm.listResources("StructureDefinition")).hasSize(15);
        assertThat(npm.listResources("CodeSystem")).hasSize(9);
    }

    @Test
    @DisplayName("the build packs the package, snapshots included, as an NPM tarball that the FHIR tooling reads")
    void buildPacksATarball() throws IOException {
        // target/classes/fhir/package -> target/
        Path tarball = Fixtures.packageDir().getParent().getParent().getParent()
                .resolve(MaillageFhir.PACKAGE_NAME + "-" + MaillageFhir.PACKAGE_VERSION + ".tgz");

        NpmPackage npm;
        try (var in = Files.newInputStream(tarball)) {
            npm = NpmPackage.fromPackage(in);
        }

        assertThat(npm.name()).isEqualTo(MaillageFhir.PACKAGE_NAME);
        assertThat(npm.listResources("StructureDefinition")).hasSize(15);
        try (var in = npm.loadResource("StructureDefinition-teleconsultation-site.json")) {
            var site = Fixtures.CTX.newJsonParser().parseResource(StructureDefinition.class, in);
            assertThat(site.getSnapshot().getElement())
                    .extracting(e -> e.getId())
                    .contains("Location.address.extension:communeInseeCode");
        }
    }
}
