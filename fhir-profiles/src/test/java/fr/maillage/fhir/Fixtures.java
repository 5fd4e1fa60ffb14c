package fr.maillage.fhir;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.validation.FhirValidator;
import ca.uhn.fhir.validation.ResultSeverityEnum;
import ca.uhn.fhir.validation.SingleValidationMessage;
import ca.uhn.fhir.validation.ValidationResult;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.hl7.fhir.common.hapi.validation.support.ValidationSupportChain;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.utilities.http.ManagedWebAccess;

/** One FHIR context, chain and validator for the whole test run: each takes seconds to build. */
final class Fixtures {

    static {
        // The build must not depend on the network: make any attempt by the FHIR core library fail at once.
        ManagedWebAccess.setAccessPolicy(ManagedWebAccess.WebAccessPolicy.PROHIBITED);
    }

    static final FhirContext CTX = FhirContext.forR4Cached();
    static final ValidationSupportChain CHAIN = MaillageValidationSupport.create(CTX);
    static final FhirValidator VALIDATOR = MaillageValidationSupport.newValidator(CTX, CHAIN);

    private Fixtures() {}

    /** The package folder as the build copied it; tests run from target/classes, a plain directory. */
    static Path packageDir() {
        try {
            return Path.of(Fixtures.class
                    .getClassLoader()
                    .getResource(MaillageValidationSupport.PACKAGE_ROOT + "package.json")
                    .toURI())
                    .getParent();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    static List<Path> jsonFiles(Path dir) {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> f.getFileName().toString().matches("[A-Z].*\\.json"))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static IBaseResource parse(Path file) {
        try {
            return CTX.newJsonParser().parseResource(Files.readString(file, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static <T extends IBaseResource> T example(Class<T> type, String fileName) {
        return type.cast(parse(packageDir().resolve("example").resolve(fileName)));
    }

    static List<SingleValidationMessage> errors(ValidationResult result) {
        return result.getMessages().stream()
                .filter(m -> m.getSeverity().ordinal() >= ResultSeverityEnum.ERROR.ordinal())
                .toList();
    }

    /** One line per message, for assertion failures that say what is wrong. */
    static String describe(List<SingleValidationMessage> messages) {
        return messages.stream()
                .map(m -> m.getSeverity() + " " + m.getLocationString() + ": " + m.getMessage())
                .collect(Collectors.joining("\n"));
    }
}
