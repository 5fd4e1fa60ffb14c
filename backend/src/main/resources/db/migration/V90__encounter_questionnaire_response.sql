-- The answers to the e-Meuse study's questionnaires, one row per session and questionnaire: the FHIR
-- QuestionnaireResponse as JSONB, and beside it the answers the study report counts.
--
-- encounter_id has no foreign key to encounter, on purpose: encounter is to be partitioned by month (V80+), and
-- the primary key of a partitioned table must include its partition key (period_start), so encounter (id) alone
-- cannot be referenced. SessionRecorder writes a response in the transaction of its Encounter, and the retention
-- deletes both together.
CREATE TABLE questionnaire_response (
    id                uuid PRIMARY KEY,
    encounter_id      uuid        NOT NULL,
    questionnaire     text        NOT NULL,
    site_id           text        NOT NULL REFERENCES site (id),
    authored          timestamptz NOT NULL,
    recourse_reason   text,
    satisfaction      smallint CHECK (satisfaction BETWEEN 0 AND 10),
    role_strengthened text,
    version_id        integer     NOT NULL,
    resource          jsonb       NOT NULL,
    updated_at        timestamptz NOT NULL,
    UNIQUE (encounter_id, questionnaire)
);

CREATE INDEX questionnaire_response_questionnaire ON questionnaire_response (questionnaire, authored, id);
CREATE INDEX questionnaire_response_updated ON questionnaire_response (updated_at);
