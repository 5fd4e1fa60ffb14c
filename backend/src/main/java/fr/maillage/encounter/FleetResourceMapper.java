package fr.maillage.encounter;

import ca.uhn.fhir.context.FhirContext;
import fr.maillage.contract.DeviceKind;
import fr.maillage.fhir.MaillageFhir;
import fr.maillage.fhir.MaillageValidationSupport;
import jakarta.inject.Singleton;
import java.util.Map;
import java.util.stream.Collectors;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.ConceptMap;
import org.hl7.fhir.r4.model.ContactPoint;
import org.hl7.fhir.r4.model.Device;
import org.hl7.fhir.r4.model.Organization;
import org.hl7.fhir.r4.model.Reference;

/** Presents the fleet's devices as Devices of the teleconsultation-peripheral profile, operators as SiteOperators. */
@Singleton
class FleetResourceMapper {

    static final String DEVICE_STATUS_REASON_SYSTEM = "http://terminology.hl7.org/CodeSystem/device-status-reason";

    /** device-kind code → SNOMED CT device type, from the package's ConceptMap (the one place they are written). */
    private final Map<String, Coding> snomedByKind;

    FleetResourceMapper(FhirContext fhir) {
        ConceptMap map = MaillageValidationSupport.loadConformanceResources(fhir).stream()
                .filter(ConceptMap.class::isInstance)
                .map(ConceptMap.class::cast)
                .filter(cm -> MaillageFhir.CM_DEVICE_KIND_TO_SNOMED.equals(cm.getUrl()))
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("the package has no " + MaillageFhir.CM_DEVICE_KIND_TO_SNOMED));
        this.snomedByKind = map.getGroup().stream()
                .filter(g -> MaillageFhir.SNOMED_CT_SYSTEM.equals(g.getTarget()))
                .flatMap(g -> g.getElement().stream())
                .filter(e -> !e.getTarget().isEmpty())
                .collect(Collectors.toUnmodifiableMap(
                        e -> e.getCode(),
                        e -> new Coding(MaillageFhir.SNOMED_CT_SYSTEM, e.getTargetFirstRep().getCode(),
                                e.getTargetFirstRep().getDisplay())));
    }

    Device toDevice(SiteDeviceResource row) {
        var device = new Device();
        device.setId(row.fhirId());
        device.getMeta().addProfile(MaillageFhir.PERIPHERAL_PROFILE);
        device.addIdentifier().setValue(row.deviceId());
        device.setStatus(Device.FHIRDeviceStatus.ACTIVE);
        String reason = switch (row.state()) {
            case "ONLINE" -> "online";
            case "DEGRADED" -> "not-ready";
            case "OFFLINE" -> "offline";
            default -> null;
        };
        if (reason != null) {
            device.addStatusReason(new CodeableConcept(new Coding(DEVICE_STATUS_REASON_SYSTEM, reason, null))
                    .setText("fleet state " + row.state()));
        }
        String kind = MaillageFhir.code(DeviceKind.valueOf(row.kind()));
        var type = new CodeableConcept(new Coding(MaillageFhir.CS_DEVICE_KIND, kind, null));
        if (snomedByKind.containsKey(kind)) {
            type.addCoding(snomedByKind.get(kind).copy());
        }
        device.setType(type);
        device.setLocation(new Reference("Location/" + row.siteId()));
        if (row.operatorId() != null) {
            device.setOwner(new Reference("Organization/" + row.operatorId()));
        }
        return device;
    }

    Organization toOrganization(SiteOperatorResource row) {
        var organization = new Organization();
        organization.setId(row.id());
        organization.getMeta().addProfile(MaillageFhir.SITE_OPERATOR_PROFILE);
        if (row.siren() != null) {
            organization.addIdentifier().setSystem(MaillageFhir.SIREN_SYSTEM).setValue(row.siren());
        }
        organization.setActive(row.active());
        organization.setName(row.name());
        if (row.email() != null) {
            organization.addTelecom().setSystem(ContactPoint.ContactPointSystem.EMAIL).setValue(row.email());
        }
        return organization;
    }
}
