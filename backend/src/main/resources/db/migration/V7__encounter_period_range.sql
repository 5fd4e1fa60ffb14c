-- FHIR date search on Encounter.period means "the period intersects [lower, upper)": end >= lower AND
-- start < upper; EncounterFinder asks it as one range overlap on this expression. Measured over 1M Encounters
-- (encounter/README.md), the planner still prefers the keyset index encounter_period for a first page, so this
-- index serves only searches whose range is very selective; a sargable lower bound is the open follow-up.
CREATE INDEX encounter_period_range ON encounter
    USING gist (tstzrange(period_start, coalesce(period_end, period_start), '[]'));
