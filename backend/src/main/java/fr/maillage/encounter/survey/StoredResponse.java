package fr.maillage.encounter.survey;

import fr.maillage.encounter.StoredResource;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import io.micronaut.data.annotation.TypeDef;
import io.micronaut.data.model.DataType;
import java.time.Instant;
import java.util.UUID;

/**
 * A QuestionnaireResponse as stored: the FHIR resource as JSON, and the answers the study counts (codes are the
 * wire contract's enum names).
 *
 * @param questionnaire the Questionnaire's id ({@link Survey#questionnaireId()})
 */
@MappedEntity("questionnaire_response")
public record StoredResponse(
        @Id UUID id,
        UUID encounterId,
        String questionnaire,
        String siteId,
        Instant authored,
        @Nullable String recourseReason,
        @Nullable Short satisfaction,
        @Nullable String roleStrengthened,
        int versionId,
        @TypeDef(type = DataType.JSON) String resource,
        Instant updatedAt) implements StoredResource {}
