-- One FHIR R4 Encounter per consultation session (id = the agent's session id). The resource is kept whole
-- as JSONB; the columns beside it are what indicator and search queries filter and group on.
CREATE TABLE encounter (
    id                   uuid PRIMARY KEY,
    site_id              text        NOT NULL REFERENCES site (id),
    status               text        NOT NULL,
    period_start         timestamptz NOT NULL,
    period_end           timestamptz,
    residence_insee_code text,
    age_band             text,
    sex                  text,
    has_regular_doctor   boolean,
    recourse_reason      text,
    outcome              text,
    satisfaction         smallint,
    assisting_role       text,
    physician_specialty  text,
    version_id           integer     NOT NULL,
    resource             jsonb       NOT NULL,
    updated_at           timestamptz NOT NULL
);

CREATE INDEX encounter_site_period ON encounter (site_id, period_start);
CREATE INDEX encounter_residence_period ON encounter (residence_insee_code, period_start);

-- Every session event applied, by its event id: a redelivered message finds its id here and changes nothing.
CREATE TABLE encounter_event (
    event_id     uuid PRIMARY KEY,
    encounter_id uuid        NOT NULL,
    site_id      text        NOT NULL,
    type         text        NOT NULL,
    occurred_at  timestamptz NOT NULL,
    received_at  timestamptz NOT NULL
);

CREATE INDEX encounter_event_encounter ON encounter_event (encounter_id);
