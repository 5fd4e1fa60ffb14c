package fr.maillage.fhir;

import static fr.maillage.fhir.Fixtures.VALIDATOR;
import static fr.maillage.fhir.Fixtures.describe;
import static fr.maillage.fhir.Fixtures.errors;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.function.Consumer;
import java.util.stream.Stream;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Device;
import org.hl7.fhir.r4.model.Location;
import org.hl7.fhir.r4.model.Organization;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The site, peripheral and operator profiles reject what they are meant to reject. */
class OtherProfilesValidationTest {

    static Stream<Arguments> brokenResources() {
        return Stream.of(
                broken("a site without a site kind", "Location.type:siteKind",
                        Location.class, "Location-site-chaumont-cabin.json",
                        l -> l.getTypeFirstRep().getCodingFirstRep()
                                .setSystem("http://terminology.hl7.org/CodeSystem/v3-RoleCode")
                                .setCode("PHARM")),
                broken("a site whose address has no commune code", "communeInseeCode",
                        Location.class, "Location-site-chaumont-cabin.json",
                        l -> l.getAddress().getExtension().clear()),
                broken("a site whose commune code is not an INSEE code", "mai-commune-1",
                        Location.class, "Location-site-chaumont-cabin.json",
                        l -> ((Coding) l.getAddress().getExtensionFirstRep().getValue()).setCode("2C001")),
                broken("a site without the Maillage site id", "Location.identifier:siteId",
                        Location.class, "Location-site-chaumont-cabin.json",
                        l -> l.getIdentifierFirstRep().setSystem("urn:ietf:rfc:3986")),
                broken("a peripheral without a device-kind coding", "Device.type.coding:deviceKind",
                        Device.class, "Device-chaumont-ecg.json",
                        d -> d.getType().getCoding().remove(0)),
                broken("a peripheral with an unknown device kind", "x-ray",
                        Device.class, "Device-chaumont-ecg.json",
                        d -> d.getType().getCodingFirstRep().setCode("x-ray")),
                broken("a peripheral linked to a patient", "Device.patient",
                        Device.class, "Device-chaumont-ecg.json",
                        d -> d.setPatient(new Reference("Patient/1"))),
                broken("an operator whose SIREN has eight digits", "mai-siren-1",
                        Organization.class, "Organization-operator-sante-rurale.json",
                        o -> o.getIdentifierFirstRep().setValue("90000000")),
                broken("an operator without a name", "Organization.name",
                        Organization.class, "Organization-operator-sante-rurale.json",
                        o -> o.setName(null)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("brokenResources")
    @DisplayName("the profile rejects")
    <T extends Resource> void profileRejects(
            String what, String expectedInAnError, Class<T> type, String example, Consumer<T> breakIt) {
        T resource = Fixtures.example(type, example);
        breakIt.accept(resource);

        var errors = errors(VALIDATOR.validateWithResult(resource));

        assertThat(describe(errors)).as("errors for " + what).contains(expectedInAnError);
    }

    private static <T extends Resource> Arguments broken(
            String what, String expectedInAnError, Class<T> type, String example, Consumer<T> breakIt) {
        return Arguments.of(what, expectedInAnError, type, example, breakIt);
    }
}
