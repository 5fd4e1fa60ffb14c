-- The organisations that run sites (FHIR Organization, profile site-operator). A site names its operator; the
-- wire contract does not carry it (an agent does not know who holds its contract), so an admin records it.
CREATE TABLE site_operator (
    id     text PRIMARY KEY CHECK (id ~ '^[A-Za-z0-9.-]{1,64}$'),
    name   text    NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
    siren  text    CHECK (siren ~ '^[0-9]{9}$'),
    email  text,
    active boolean NOT NULL
);

ALTER TABLE site ADD COLUMN operator_id text REFERENCES site_operator (id);
CREATE INDEX site_operator_sites ON site (operator_id);

-- A probed device is FHIR Device/{id}, id = the name-based UUID of "siteId/deviceId" (a device id may hold
-- ':' and '_', which FHIR ids may not, and the pair may be longer than 64 characters). The read looks it up here.
CREATE INDEX site_device_fhir_id ON site_device ((md5(site_id || '/' || device_id)::uuid));
