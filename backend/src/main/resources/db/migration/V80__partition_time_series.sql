-- Issue 9: the time series are partitioned by month (native range partitioning) on the time their queries filter
-- on: encounter on period_start, site_state_interval on started_at. Months are French calendar months
-- (Europe/Paris midnight), the days indicators and retention count in, so a partition holds whole days.
-- Each table also has a DEFAULT partition so that a row for a month without its partition is never refused;
-- the partition job (fr.maillage.partition) creates the coming months ahead and moves any such rows out of it.

-- Creates the partition of one month of a table partitioned by range, unless it exists, moving into it the rows
-- the DEFAULT partition holds for that month (a partition cannot be attached while the default holds its rows).
-- Used by this migration and by the scheduled job, so both name and bound partitions alike.
CREATE FUNCTION create_month_partition(parent text, key_column text, month date) RETURNS boolean
LANGUAGE plpgsql AS $$
DECLARE
    first date := date_trunc('month', month)::date;
    part text := parent || '_' || to_char(first, 'YYYY_MM');
    lower_bound timestamptz := make_timestamptz(extract(year FROM first)::int, extract(month FROM first)::int, 1, 0, 0, 0, 'Europe/Paris');
    upper_bound timestamptz := make_timestamptz(extract(year FROM first + interval '1 month')::int,
                                                extract(month FROM first + interval '1 month')::int, 1, 0, 0, 0, 'Europe/Paris');
BEGIN
    IF to_regclass(part) IS NOT NULL THEN
        RETURN false;
    END IF;
    EXECUTE format('CREATE TABLE %I (LIKE %I INCLUDING DEFAULTS INCLUDING CONSTRAINTS)', part, parent);
    EXECUTE format('WITH moved AS (DELETE FROM %I WHERE %I >= $1 AND %I < $2 RETURNING *) INSERT INTO %I SELECT * FROM moved',
                   parent || '_default', key_column, key_column, part) USING lower_bound, upper_bound;
    EXECUTE format('ALTER TABLE %I ATTACH PARTITION %I FOR VALUES FROM (%L) TO (%L)', parent, part, lower_bound, upper_bound);
    RETURN true;
END $$;

-- The monthly partitions of a table with their bounds (the DEFAULT partition is not listed).
CREATE FUNCTION month_partitions(parent text)
    RETURNS TABLE (partition_name text, lower_bound timestamptz, upper_bound timestamptz)
LANGUAGE sql STABLE AS $$
    SELECT c.relname::text,
           make_timestamptz(substr(c.relname, length(parent) + 2, 4)::int, substr(c.relname, length(parent) + 7, 2)::int, 1, 0, 0, 0, 'Europe/Paris'),
           make_timestamptz(substr(c.relname, length(parent) + 2, 4)::int, substr(c.relname, length(parent) + 7, 2)::int, 1, 0, 0, 0, 'Europe/Paris')
               + interval '1 month'
    FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid
    WHERE i.inhparent = to_regclass(parent) AND c.relname ~ ('^' || parent || '_[0-9]{4}_[0-9]{2}$')
    ORDER BY 1
$$;

-- encounter ----------------------------------------------------------------------------------------------------
-- A partitioned table's unique keys must hold the partition key, so the primary key becomes (id, period_start):
-- a lookup by id alone probes each partition's primary-key index (one short descent each). The session id must
-- stay unique across months, which no index of encounter can say any more: encounter_key holds every id once, and
-- the Encounter insert goes through it (INSERT … ON CONFLICT DO NOTHING waits for a concurrent creator as before).
ALTER TABLE encounter RENAME TO encounter_unpartitioned;
ALTER INDEX encounter_pkey RENAME TO encounter_unpartitioned_pkey;
DROP INDEX encounter_site_period, encounter_residence_period, encounter_period, encounter_updated,
    encounter_period_range, encounter_finished_period, encounter_finished_residence;

CREATE TABLE encounter (
    id                   uuid        NOT NULL,
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
    updated_at           timestamptz NOT NULL,
    PRIMARY KEY (id, period_start)
) PARTITION BY RANGE (period_start);

CREATE TABLE encounter_default PARTITION OF encounter DEFAULT;

CREATE TABLE encounter_key (
    id uuid PRIMARY KEY
);

-- The same indexes as before, now one per partition (see V3, V4, V7, V61 for what each serves).
CREATE INDEX encounter_site_period ON encounter (site_id, period_start);
CREATE INDEX encounter_residence_period ON encounter (residence_insee_code, period_start);
CREATE INDEX encounter_period ON encounter (period_start, id);
CREATE INDEX encounter_updated ON encounter (updated_at);
CREATE INDEX encounter_period_range ON encounter
    USING gist (tstzrange(period_start, coalesce(period_end, period_start), '[]'));
CREATE INDEX encounter_finished_period ON encounter (period_start)
    INCLUDE (residence_insee_code, site_id, has_regular_doctor, recourse_reason, age_band, outcome, satisfaction)
    WHERE status = 'finished';
CREATE INDEX encounter_finished_residence ON encounter (residence_insee_code, period_start)
    INCLUDE (site_id, has_regular_doctor, recourse_reason, age_band, outcome, satisfaction)
    WHERE status = 'finished';

-- site_state_interval: its key already holds started_at (V40 planned this) -----------------------------------
ALTER TABLE site_state_interval RENAME TO site_state_interval_unpartitioned;
ALTER INDEX site_state_interval_pkey RENAME TO site_state_interval_unpartitioned_pkey;
DROP INDEX site_state_interval_ended;

CREATE TABLE site_state_interval (
    site_id    text        NOT NULL REFERENCES site (id),
    device_id  text        NOT NULL,
    state      text        NOT NULL,
    started_at timestamptz NOT NULL,
    ended_at   timestamptz NOT NULL,
    reason     text,
    PRIMARY KEY (site_id, device_id, started_at),
    CHECK (ended_at >= started_at)
) PARTITION BY RANGE (started_at);

CREATE TABLE site_state_interval_default PARTITION OF site_state_interval DEFAULT;
CREATE INDEX site_state_interval_ended ON site_state_interval (site_id, device_id, ended_at);

-- Partitions for every month that has rows, up to three months ahead (the job keeps that margin afterwards).
DO $$
DECLARE
    m date;
BEGIN
    FOR m IN SELECT generate_series(
            date_trunc('month', least(coalesce((SELECT min(period_start) FROM encounter_unpartitioned), now()), now()) AT TIME ZONE 'Europe/Paris'),
            date_trunc('month', now() AT TIME ZONE 'Europe/Paris') + interval '3 months', interval '1 month')::date
    LOOP
        PERFORM create_month_partition('encounter', 'period_start', m);
    END LOOP;
    FOR m IN SELECT generate_series(
            date_trunc('month', least(coalesce((SELECT min(started_at) FROM site_state_interval_unpartitioned), now()), now()) AT TIME ZONE 'Europe/Paris'),
            date_trunc('month', now() AT TIME ZONE 'Europe/Paris') + interval '3 months', interval '1 month')::date
    LOOP
        PERFORM create_month_partition('site_state_interval', 'started_at', m);
    END LOOP;
END $$;

INSERT INTO encounter SELECT * FROM encounter_unpartitioned;
INSERT INTO encounter_key SELECT id FROM encounter_unpartitioned;
DROP TABLE encounter_unpartitioned;

INSERT INTO site_state_interval SELECT * FROM site_state_interval_unpartitioned;
DROP TABLE site_state_interval_unpartitioned;

-- The new tables replace those V50 granted to Grafana's read-only login (queries through the parent need only it).
DO $$
BEGIN
    IF EXISTS (SELECT FROM pg_roles WHERE rolname = 'grafana_ro') THEN
        GRANT SELECT ON site_state_interval, encounter TO grafana_ro;
    END IF;
END
$$;
