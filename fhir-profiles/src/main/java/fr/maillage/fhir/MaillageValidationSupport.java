package fr.maillage.fhir;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.context.FhirVersionEnum;
import ca.uhn.fhir.context.support.DefaultProfileValidationSupport;
import ca.uhn.fhir.context.support.IValidationSupport;
import ca.uhn.fhir.context.support.ValidationSupportContext;
import ca.uhn.fhir.validation.FhirValidator;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.hl7.fhir.common.hapi.validation.support.CommonCodeSystemsTerminologyService;
import org.hl7.fhir.common.hapi.validation.support.InMemoryTerminologyServerValidationSupport;
import org.hl7.fhir.common.hapi.validation.support.PrePopulatedValidationSupport;
import org.hl7.fhir.common.hapi.validation.support.SnapshotGeneratingValidationSupport;
import org.hl7.fhir.common.hapi.validation.support.UnknownCodeSystemWarningValidationSupport;
import org.hl7.fhir.common.hapi.validation.support.ValidationSupportChain;
import org.hl7.fhir.common.hapi.validation.validator.FhirInstanceValidator;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.StructureDefinition;
import org.hl7.fhir.utilities.json.model.JsonObject;
import org.hl7.fhir.utilities.json.parser.JsonParser;

/**
 * Builds the validation support that knows the Maillage package, so that the backend validates a resource against
 * our profiles with one call: {@code MaillageValidationSupport.newValidator(ctx).validateWithResult(encounter)}.
 *
 * <p>Everything is offline. SNOMED CT and the INSEE commune nomenclature are not available without a terminology
 * server, so a code from a code system the chain does not know is reported as a warning, never an error; codes from
 * our own CodeSystems and from FHIR's and HL7's are checked in memory.
 *
 * <p>Building a chain parses the FHIR core definitions and generates our snapshots: it takes seconds. Build it once
 * per {@link FhirContext} and share it; it is thread-safe once built.
 */
public final class MaillageValidationSupport {

    /** Where the package sits on the classpath, in the layout of a FHIR NPM package. */
    public static final String PACKAGE_ROOT = "fhir/package/";

    private static final String EXTENSION_TYPE = "Extension";

    private MaillageValidationSupport() {}

    /**
     * A chain of the FHIR R4 core definitions, this package's conformance resources with their snapshots
     * generated, and in-memory terminology.
     */
    public static ValidationSupportChain create(FhirContext ctx) {
        if (ctx.getVersion().getVersion() != FhirVersionEnum.R4) {
            throw new IllegalArgumentException("the Maillage package is FHIR R4; got " + ctx.getVersion().getVersion());
        }
        PrePopulatedValidationSupport maillage = new PrePopulatedValidationSupport(ctx);
        List<IBaseResource> resources = loadConformanceResources(ctx);
        resources.forEach(maillage::addResource);

        UnknownCodeSystemWarningValidationSupport unknownCodeSystems = new UnknownCodeSystemWarningValidationSupport(ctx);
        unknownCodeSystems.setNonExistentCodeSystemSeverity(IValidationSupport.IssueSeverity.WARNING);

        ValidationSupportChain chain = new ValidationSupportChain(
                new DefaultProfileValidationSupport(ctx),
                maillage,
                new SnapshotGeneratingValidationSupport(ctx),
                new CommonCodeSystemsTerminologyService(ctx),
                new InMemoryTerminologyServerValidationSupport(ctx),
                unknownCodeSystems);

        // Generate every snapshot now rather than during the first validation, so that a broken profile fails at
        // start-up and the first session is not slower than the others. Extensions go first: the profiles that use
        // them read their snapshots. The chain caches what it fetched, so it must forget the differential-only
        // version of each definition as soon as the snapshot replaces it.
        ValidationSupportContext context = new ValidationSupportContext(chain);
        resources.stream()
                .filter(StructureDefinition.class::isInstance)
                .map(StructureDefinition.class::cast)
                .sorted(Comparator.comparing(sd -> !EXTENSION_TYPE.equals(sd.getType())))
                .forEach(differential -> {
                    IBaseResource withSnapshot = chain.generateSnapshot(
                            context, differential, differential.getUrl(), null, differential.getName());
                    if (withSnapshot == null || !((StructureDefinition) withSnapshot).hasSnapshot()) {
                        throw new IllegalStateException("cannot generate the snapshot of " + differential.getUrl());
                    }
                    maillage.addStructureDefinition(withSnapshot);
                    chain.invalidateCaches();
                });
        maillage.lock();
        return chain;
    }

    /** A validator of resources against this package's profiles, on a chain of its own. */
    public static FhirValidator newValidator(FhirContext ctx) {
        return newValidator(ctx, create(ctx));
    }

    /**
     * A validator on an existing chain (from {@link #create}), so that several validators share one chain.
     *
     * <p>Extensions must be defined in the chain: an unknown extension URL, such as a typo in a mapper, is an
     * error rather than something silently ignored. A {@code meta.profile} that cannot be found is an error too.
     */
    public static FhirValidator newValidator(FhirContext ctx, IValidationSupport chain) {
        FhirInstanceValidator instanceValidator = new FhirInstanceValidator(chain);
        instanceValidator.setAnyExtensionsAllowed(false);
        instanceValidator.setErrorForUnknownProfiles(true);
        FhirValidator validator = ctx.newValidator();
        validator.registerValidatorModule(instanceValidator);
        return validator;
    }

    /**
     * This package's conformance resources as shipped, without snapshots, in the order of the package index
     * ({@code .index.json}). The index is what makes them listable from inside a jar.
     */
    public static List<IBaseResource> loadConformanceResources(FhirContext ctx) {
        JsonObject index;
        try {
            index = JsonParser.parseObject(read(PACKAGE_ROOT + ".index.json"));
        } catch (IOException e) {
            throw new UncheckedIOException("malformed package index " + PACKAGE_ROOT + ".index.json", e);
        }
        var parser = ctx.newJsonParser();
        List<IBaseResource> resources = new ArrayList<>();
        for (JsonObject file : index.getJsonObjects("files")) {
            resources.add(parser.parseResource(read(PACKAGE_ROOT + file.asString("filename"))));
        }
        return resources;
    }

    private static String read(String classpathResource) {
        try (InputStream in = MaillageValidationSupport.class.getClassLoader().getResourceAsStream(classpathResource)) {
            if (in == null) {
                throw new IllegalStateException("missing from the classpath: " + classpathResource);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + classpathResource, e);
        }
    }
}
