package fr.maillage.fhir;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.support.ConceptValidationOptions;
import ca.uhn.fhir.context.support.ValidationSupportContext;
import fr.maillage.contract.DeviceKind;
import fr.maillage.contract.PatientProfile;
import fr.maillage.contract.SessionDetails;
import fr.maillage.contract.SiteKind;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.CodeSystem;
import org.hl7.fhir.r4.model.MetadataResource;
import org.hl7.fhir.r4.model.NamingSystem;
import org.hl7.fhir.r4.model.StructureDefinition;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class MaillageFhirTest {

    @Test
    @DisplayName("code() lower-cases the constant's name and turns underscores into hyphens")
    void codeFollowsTheRule() {
        assertThat(MaillageFhir.code(SessionDetails.RecourseReason.NO_REGULAR_DOCTOR)).isEqualTo("no-regular-doctor");
        assertThat(MaillageFhir.code(PatientProfile.AgeBand.AGE_60_74)).isEqualTo("age-60-74");
        assertThat(MaillageFhir.code(PatientProfile.AgeBand.AGE_90_PLUS)).isEqualTo("age-90-plus");
        assertThat(MaillageFhir.code(DeviceKind.BLOOD_PRESSURE_MONITOR)).isEqualTo("blood-pressure-monitor");
        assertThat(MaillageFhir.code(DeviceKind.ECG)).isEqualTo("ecg");
    }

    static Stream<Arguments> contractEnums() {
        return Stream.of(
                Arguments.of(SessionDetails.RecourseReason.class, MaillageFhir.CS_RECOURSE_REASON),
                Arguments.of(SessionDetails.Outcome.class, MaillageFhir.CS_CONSULTATION_OUTCOME),
                Arguments.of(SessionDetails.ProfessionalRole.class, MaillageFhir.CS_ASSISTING_ROLE),
                Arguments.of(SessionDetails.PhysicianSpecialty.class, MaillageFhir.CS_PHYSICIAN_SPECIALTY),
                Arguments.of(PatientProfile.AgeBand.class, MaillageFhir.CS_AGE_BAND),
                Arguments.of(DeviceKind.class, MaillageFhir.CS_DEVICE_KIND),
                Arguments.of(SiteKind.class, MaillageFhir.CS_SITE_KIND),
                Arguments.of(SessionDetails.Agreement.class, MaillageFhir.CS_AGREEMENT));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("contractEnums")
    @DisplayName("a contract enum and its CodeSystem have exactly the same codes")
    void contractEnumMatchesCodeSystem(Class<? extends Enum<?>> contractEnum, String codeSystemUrl) {
        var codeSystem = (CodeSystem) Fixtures.CHAIN.fetchCodeSystem(codeSystemUrl);
        Set<String> fromEnum = Arrays.stream(contractEnum.getEnumConstants())
                .map(MaillageFhir::code)
                .collect(Collectors.toSet());
        Set<String> fromCodeSystem = codeSystem.getConcept().stream()
                .map(CodeSystem.ConceptDefinitionComponent::getCode)
                .collect(Collectors.toSet());

        assertThat(fromCodeSystem).isEqualTo(fromEnum);
        assertThat(codeSystem.getCount()).isEqualTo(fromEnum.size());
    }

    @Test
    @DisplayName("every patient sex gives a code of FHIR's AdministrativeGender")
    void sexCodesAreAdministrativeGender() {
        var context = new ValidationSupportContext(Fixtures.CHAIN);
        for (PatientProfile.Sex sex : PatientProfile.Sex.values()) {
            var result = Fixtures.CHAIN.validateCode(
                    context,
                    new ConceptValidationOptions(),
                    "http://hl7.org/fhir/administrative-gender",
                    MaillageFhir.code(sex),
                    null,
                    "http://hl7.org/fhir/ValueSet/administrative-gender");

            assertThat(result).as(sex.name()).isNotNull();
            assertThat(result.isOk()).as(sex.name()).isTrue();
        }
    }

    @Test
    @DisplayName("every Maillage URL constant names a resource of the package")
    void urlConstantsResolve() throws IllegalAccessException {
        List<IBaseResource> resources = MaillageValidationSupport.loadConformanceResources(Fixtures.CTX);
        Set<String> known = resources.stream()
                .flatMap(r -> r instanceof NamingSystem ns
                        ? ns.getUniqueId().stream().map(NamingSystem.NamingSystemUniqueIdComponent::getValue)
                        : Stream.of(((MetadataResource) r).getUrl()))
                .collect(Collectors.toSet());
        int checked = 0;
        for (Field field : MaillageFhir.class.getFields()) {
            if (Modifier.isStatic(field.getModifiers()) && field.get(null) instanceof String url
                    && url.startsWith(MaillageFhir.CANONICAL_BASE + "/")) {
                assertThat(known).as(field.getName()).contains(url);
                checked++;
            }
        }
        assertThat(checked).isGreaterThanOrEqualTo(25);
    }

    @Test
    @DisplayName("the INSEE system constant is the one the commune extensions fix")
    void inseeSystemIsTheOneTheExtensionsFix() {
        for (String url : List.of(MaillageFhir.EXT_PATIENT_RESIDENCE_COMMUNE, MaillageFhir.EXT_COMMUNE_INSEE_CODE)) {
            var extension = (StructureDefinition) Fixtures.CHAIN.fetchStructureDefinition(url);

            assertThat(extension.getSnapshot().getElement())
                    .filteredOn(e -> e.getPath().equals("Extension.value[x].system"))
                    .singleElement()
                    .satisfies(e -> assertThat(e.getFixed().primitiveValue())
                            .isEqualTo(MaillageFhir.INSEE_COMMUNE_SYSTEM));
        }
    }
}
