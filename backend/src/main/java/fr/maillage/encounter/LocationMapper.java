package fr.maillage.encounter;

import fr.maillage.contract.SiteKind;
import fr.maillage.fhir.MaillageFhir;
import jakarta.inject.Singleton;
import java.math.BigDecimal;
import org.hl7.fhir.r4.model.Address;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Location;
import org.hl7.fhir.r4.model.Reference;

/** Presents a site as a Location of the teleconsultation-site profile. */
@Singleton
public class LocationMapper {

    public Location toLocation(SiteLocation site) {
        var location = new Location();
        location.setId(site.id());
        location.getMeta().addProfile(MaillageFhir.SITE_PROFILE);
        location.addIdentifier().setSystem(MaillageFhir.SITE_ID_SYSTEM).setValue(site.id());
        location.setStatus(Location.LocationStatus.ACTIVE);
        location.setName(site.name());
        location.addType(new CodeableConcept(new Coding(
                MaillageFhir.CS_SITE_KIND, MaillageFhir.code(SiteKind.valueOf(site.kind())), null)));
        var address = new Address();
        // The city is required; a commune missing from the reference data still has its code.
        address.setCity(site.communeName() != null ? site.communeName() : site.inseeCode());
        address.setCountry("FR");
        address.addExtension(MaillageFhir.EXT_COMMUNE_INSEE_CODE,
                new Coding(MaillageFhir.INSEE_COMMUNE_SYSTEM, site.inseeCode(), site.communeName()));
        location.setAddress(address);
        if (site.latitude() != null && site.longitude() != null) {
            location.getPosition()
                    .setLatitude(BigDecimal.valueOf(site.latitude()))
                    .setLongitude(BigDecimal.valueOf(site.longitude()));
        }
        if (site.operatorId() != null) {
            location.setManagingOrganization(new Reference("Organization/" + site.operatorId()));
        }
        return location;
    }
}
