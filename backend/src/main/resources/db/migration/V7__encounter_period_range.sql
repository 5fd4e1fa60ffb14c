-- FHIR date search on Encounter.period means "the period intersects [lower, upper)": end >= lower AND
-- start < upper. A B-tree on period_start can bound only one side of that, so a month in the middle of the
-- history reads every earlier (or later) row of the searched sites. A GiST index on the period as a range answers
-- both sides at once. Measured with and without it: see encounter/README.md.
CREATE INDEX encounter_period_range ON encounter
    USING gist (tstzrange(period_start, coalesce(period_end, period_start), '[]'));
