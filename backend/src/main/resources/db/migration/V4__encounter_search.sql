-- Keyset paging of FHIR searches sorts on (period_start, id); _lastUpdated filters on updated_at.
CREATE INDEX encounter_period ON encounter (period_start, id);
CREATE INDEX encounter_updated ON encounter (updated_at);
