package fr.maillage.encounter;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import fr.maillage.fhir.MaillageFhir;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Device;
import org.hl7.fhir.r4.model.Organization;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The fleet's rows as FHIR Devices and Organizations (their conformance is checked in FhirApiIT). */
class FleetResourceMapperTest {

    private final FleetResourceMapper mapper = new FleetResourceMapper(FhirContext.forR4Cached());

    private static SiteDeviceResource device(String kind, String state, String operator) {
        return new SiteDeviceResource("0b6b6a4e-6b7e-4d43-9f4b-7b1c2d3e4f50", "55545-cabin", "usb-0c45:6340", kind,
                state, operator);
    }

    @Test
    @DisplayName("a device kind with a SNOMED CT type in the package's ConceptMap gets both codings")
    void snomedTypeFromTheConceptMap() {
        Device ecg = mapper.toDevice(device("ECG", "ONLINE", "sante-rurale"));
        Device camera = mapper.toDevice(device("CAMERA", "ONLINE", null));

        assertThat(ecg.getType().getCoding()).extracting(Coding::getSystem, Coding::getCode).containsExactly(
                org.assertj.core.groups.Tuple.tuple(MaillageFhir.CS_DEVICE_KIND, "ecg"),
                org.assertj.core.groups.Tuple.tuple(MaillageFhir.SNOMED_CT_SYSTEM, "86184003"));
        assertThat(camera.getType().getCoding()).extracting(Coding::getCode).containsExactly("camera");
        assertThat(ecg.getOwner().getReference()).isEqualTo("Organization/sante-rurale");
        assertThat(camera.hasOwner()).isFalse();
        assertThat(ecg.getLocation().getReference()).isEqualTo("Location/55545-cabin");
        assertThat(ecg.getIdentifierFirstRep().getValue()).isEqualTo("usb-0c45:6340");
        assertThat(ecg.getMeta().getProfile().getFirst().getValue()).isEqualTo(MaillageFhir.PERIPHERAL_PROFILE);
    }

    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource({"ONLINE, online", "DEGRADED, not-ready", "OFFLINE, offline"})
    @DisplayName("the fleet state of a device is its FHIR status reason")
    void fleetStateIsTheStatusReason(String state, String reason) {
        Device device = mapper.toDevice(device("OTOSCOPE", state, null));

        assertThat(device.getStatus()).isEqualTo(Device.FHIRDeviceStatus.ACTIVE);
        assertThat(device.getStatusReasonFirstRep().getCodingFirstRep().getSystem())
                .isEqualTo(FleetResourceMapper.DEVICE_STATUS_REASON_SYSTEM);
        assertThat(device.getStatusReasonFirstRep().getCodingFirstRep().getCode()).isEqualTo(reason);
    }

    @Test
    @DisplayName("a device never heard of has no status reason")
    void unknownStateHasNoReason() {
        assertThat(mapper.toDevice(device("OTOSCOPE", "UNKNOWN", null)).hasStatusReason()).isFalse();
    }

    @Test
    @DisplayName("an operator is an Organization with its SIREN and mail when known")
    void operatorIsAnOrganization() {
        Organization full = mapper.toOrganization(
                new SiteOperatorResource("sante-rurale", "Santé Rurale", "900000001", "a@b.example", true));
        Organization bare = mapper.toOrganization(new SiteOperatorResource("mairie", "Mairie", null, null, false));

        assertThat(full.getIdentifierFirstRep().getSystem()).isEqualTo(MaillageFhir.SIREN_SYSTEM);
        assertThat(full.getIdentifierFirstRep().getValue()).isEqualTo("900000001");
        assertThat(full.getTelecomFirstRep().getValue()).isEqualTo("a@b.example");
        assertThat(bare.hasIdentifier()).isFalse();
        assertThat(bare.hasTelecom()).isFalse();
        assertThat(bare.getActive()).isFalse();
    }
}
