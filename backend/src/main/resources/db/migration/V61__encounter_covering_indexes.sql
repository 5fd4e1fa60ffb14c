-- The territory page and the map read a year of finished sessions at a time, grouped by commune of residence,
-- site and the four categories. These partial covering indexes hold exactly those columns, so the reads are
-- index-only scans instead of visits of the encounter rows, each of which carries its FHIR resource (≈ 1 KB).
CREATE INDEX encounter_finished_period ON encounter (period_start)
    INCLUDE (residence_insee_code, site_id, has_regular_doctor, recourse_reason, age_band, outcome, satisfaction)
    WHERE status = 'finished';

CREATE INDEX encounter_finished_residence ON encounter (residence_insee_code, period_start)
    INCLUDE (site_id, has_regular_doctor, recourse_reason, age_band, outcome, satisfaction)
    WHERE status = 'finished';
