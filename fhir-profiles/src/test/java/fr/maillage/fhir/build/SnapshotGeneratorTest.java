package fr.maillage.fhir.build;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ca.uhn.fhir.context.FhirContext;
import fr.maillage.fhir.MaillageFhir;
import fr.maillage.fhir.MaillageValidationSupport;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.hl7.fhir.r4.model.StructureDefinition;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class SnapshotGeneratorTest {

    private static Map<String, StructureDefinition> packageDefinitions() {
        Map<String, StructureDefinition> definitions = new LinkedHashMap<>();
        MaillageValidationSupport.loadConformanceResources(FhirContext.forR4Cached()).stream()
                .filter(StructureDefinition.class::isInstance)
                .map(StructureDefinition.class::cast)
                .forEach(sd -> definitions.put(sd.getUrl(), sd));
        return definitions;
    }

    @Test
    @DisplayName("every definition is generated after the package's extensions its elements name")
    void extensionsComeBeforeTheProfilesThatUseThem() {
        List<String> order = SnapshotGenerator.dependencyOrder(packageDefinitions());

        assertThat(order).hasSize(15);
        assertThat(order.indexOf(MaillageFhir.EXT_COMMUNE_INSEE_CODE))
                .isLessThan(order.indexOf(MaillageFhir.SITE_PROFILE));
        for (String extension : List.of(MaillageFhir.EXT_RECOURSE_REASON, MaillageFhir.EXT_PATIENT_RESIDENCE_COMMUNE,
                MaillageFhir.EXT_CONSULTATION_OUTCOME, MaillageFhir.EXT_DEVICE_USED)) {
            assertThat(order.indexOf(extension)).as(extension).isLessThan(order.indexOf(MaillageFhir.ENCOUNTER_PROFILE));
        }
    }

    @Test
    @DisplayName("definitions that build on each other in a cycle are refused")
    void cycleIsRefused() {
        var a = new StructureDefinition().setUrl("https://example.org/a").setBaseDefinition("https://example.org/b");
        var b = new StructureDefinition().setUrl("https://example.org/b").setBaseDefinition("https://example.org/a");
        Map<String, StructureDefinition> definitions = new LinkedHashMap<>();
        definitions.put(a.getUrl(), a);
        definitions.put(b.getUrl(), b);

        assertThatThrownBy(() -> SnapshotGenerator.dependencyOrder(definitions))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("cycle");
    }
}
