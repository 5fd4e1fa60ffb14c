package fr.maillage.fhir;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.validation.FhirValidator;
import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.util.List;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.Location;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * What an application sees when it builds the validator from the packaged resources, as the backend does at
 * start-up: no snapshot is generated, nothing about snapshots is logged, and the profiles' extension elements
 * are resolved (their rules apply).
 */
class StartupLogTest {

    private final ListAppender<ILoggingEvent> logged = new ListAppender<>();
    private final List<Logger> watched = List.of(logger("ca.uhn.fhir"), logger("org.hl7.fhir"));
    private final List<Level> levels = watched.stream().map(Logger::getLevel).toList();

    private static Logger logger(String name) {
        return ((LoggerContext) LoggerFactory.getILoggerFactory()).getLogger(name);
    }

    @BeforeEach
    void listen() {
        logged.start();
        watched.forEach(l -> {
            l.setLevel(Level.INFO);
            l.addAppender(logged);
        });
    }

    @AfterEach
    void stopListening() {
        for (int i = 0; i < watched.size(); i++) {
            watched.get(i).detachAppender(logged);
            watched.get(i).setLevel(levels.get(i));
        }
    }

    @Test
    @DisplayName("building and first using a validator logs no snapshot message and applies the extensions' rules")
    void noSnapshotWorkAtStartup() {
        // A context of its own, so that nothing another test loaded is reused.
        FhirContext ctx = FhirContext.forR4();
        FhirValidator validator = MaillageValidationSupport.newValidator(ctx);
        Location site = Fixtures.example(Location.class, "Location-site-chaumont-cabin.json");
        ((Coding) site.getAddress().getExtensionFirstRep().getValue()).setCode("5212");
        Encounter encounter = Fixtures.example(Encounter.class, "Encounter-session-finished.json");
        ((Coding) encounter.getExtensionByUrl(MaillageFhir.EXT_CONSULTATION_OUTCOME).getValue()).setCode("cured");

        String siteErrors = Fixtures.describe(Fixtures.errors(validator.validateWithResult(site)));
        String encounterErrors = Fixtures.describe(Fixtures.errors(validator.validateWithResult(encounter)));

        assertThat(siteErrors).contains("mai-commune-1");
        assertThat(encounterErrors).contains("cured").contains(MaillageFhir.CS_CONSULTATION_OUTCOME);
        assertThat(logged.list)
                .extracting(ILoggingEvent::getFormattedMessage)
                .filteredOn(m -> m.toLowerCase(java.util.Locale.ROOT).contains("snapshot"))
                .isEmpty();
    }
}
