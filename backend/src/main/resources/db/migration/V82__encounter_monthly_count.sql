-- Issue 5 / issue 9: the indicators of whole départements, up to the country, without reading a year of daily counts.
-- At national density a site sees about one session a day, so encounter_daily_count holds about one row per session
-- and the country's year is millions of rows. Finished sessions of closed French months are therefore also counted
-- per month × placement (the patient's commune of residence, or the site's) × département of that commune, each
-- category of the four dimensions counted on its own: about 12 × 2 × 100 × 27 rows a year for the whole of France.
--
-- These counts are rebuilt from the daily counts (MonthlyCounts), never written by the ingest: rows kept in the
-- write's transaction would be a few hot rows every instance updates. A month is read from here only when it is
-- built and not stale; otherwise the indicators read its daily counts, so a late session of a closed month is counted
-- at once either way.
CREATE TABLE encounter_monthly_count (
    month                date   NOT NULL,
    placement            text   NOT NULL CHECK (placement IN ('RESIDENCE', 'SITE')),
    departement          text   NOT NULL,
    dimension            text   NOT NULL CHECK (dimension IN ('REGULAR_DOCTOR', 'REASON', 'AGE_BAND', 'OUTCOME')),
    category             text   NOT NULL,
    sessions             bigint NOT NULL,
    satisfaction_sum     bigint NOT NULL,
    satisfaction_answers bigint NOT NULL,
    PRIMARY KEY (placement, departement, month, dimension, category)
);

-- The closed months whose counts above are built, and when.
CREATE TABLE encounter_monthly_built (
    month    date        PRIMARY KEY,
    built_at timestamptz NOT NULL
);

-- Months whose daily counts changed since they were built. No unique key, on purpose: a writer never waits on
-- another writer's mark (a unique month would make every instance's first write of a month wait for the first
-- one's commit); duplicates are harmless and go with the rebuild.
CREATE TABLE encounter_monthly_stale (
    month date NOT NULL
);

CREATE INDEX encounter_monthly_stale_month ON encounter_monthly_stale (month);

-- every month already counted is to be built (MonthlyCounts does it within the hour of the start)
INSERT INTO encounter_monthly_stale (month) SELECT DISTINCT date_trunc('month', day)::date FROM encounter_daily_count;

-- Marked from the daily counts themselves, so every change is seen: the encounter triggers' upserts (INSERT and the
-- UPDATE of ON CONFLICT) and the retention's deletes of dropped days alike.
CREATE FUNCTION encounter_monthly_mark_stale() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'DELETE' THEN
        INSERT INTO encounter_monthly_stale (month)
        SELECT DISTINCT date_trunc('month', day)::date FROM old_rows r
        WHERE NOT EXISTS (SELECT 1 FROM encounter_monthly_stale s WHERE s.month = date_trunc('month', r.day)::date);
    ELSE
        INSERT INTO encounter_monthly_stale (month)
        SELECT DISTINCT date_trunc('month', day)::date FROM new_rows r
        WHERE NOT EXISTS (SELECT 1 FROM encounter_monthly_stale s WHERE s.month = date_trunc('month', r.day)::date);
    END IF;
    RETURN NULL;
END $$;

CREATE TRIGGER encounter_monthly_stale_insert AFTER INSERT ON encounter_daily_count
    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION encounter_monthly_mark_stale();
CREATE TRIGGER encounter_monthly_stale_update AFTER UPDATE ON encounter_daily_count
    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION encounter_monthly_mark_stale();
CREATE TRIGGER encounter_monthly_stale_delete AFTER DELETE ON encounter_daily_count
    REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION encounter_monthly_mark_stale();

DO $$
BEGIN
    IF EXISTS (SELECT FROM pg_roles WHERE rolname = 'grafana_ro') THEN
        GRANT SELECT ON encounter_monthly_count, encounter_monthly_built TO grafana_ro;
    END IF;
END
$$;
