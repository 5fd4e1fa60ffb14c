-- Issue 9 / issue 5: indicators read daily counts instead of scanning a year of encounter rows. One row per French
-- day (Europe/Paris, the days a Period is made of) × site × commune of residence as recorded × status × the four
-- categories the indicators group on, with the satisfaction answers' sum and number. NULL is a value of each
-- dimension here (NULLS NOT DISTINCT, PostgreSQL 15), exactly as GROUP BY treats it.
--
-- Maintained by statement triggers on encounter, in the transaction of the write that changes it, whatever writes
-- it (ingest, the portal's session entry, retention, bulk loads by COPY): each statement's old and new rows are
-- grouped and added with sign -1 and +1. A redelivered event writes no encounter row, so it changes no count; an
-- update that moves a session to another day or status moves its count. A group whose count falls to 0 keeps its
-- row with zeros (deleting it would need a second pass for nothing: sums are unchanged by it).
-- Dropping a partition fires no trigger: retention deletes the days it drops (SessionRetention).
CREATE TABLE encounter_daily_count (
    day                  date     NOT NULL,
    site_id              text     NOT NULL,
    residence_insee_code text,
    status               text     NOT NULL,
    has_regular_doctor   boolean,
    recourse_reason      text,
    age_band             text,
    outcome              text,
    sessions             integer  NOT NULL,
    satisfaction_sum     integer  NOT NULL,
    satisfaction_answers integer  NOT NULL,
    CONSTRAINT encounter_daily_count_key UNIQUE NULLS NOT DISTINCT
        (day, site_id, residence_insee_code, status, has_regular_doctor, recourse_reason, age_band, outcome)
);

-- indicators by commune of residence (a territory's communes, a period of days) and by site
CREATE INDEX encounter_daily_count_residence ON encounter_daily_count (residence_insee_code, day)
    INCLUDE (status, site_id, has_regular_doctor, recourse_reason, age_band, outcome, sessions, satisfaction_sum,
             satisfaction_answers);
CREATE INDEX encounter_daily_count_site ON encounter_daily_count (site_id, day)
    INCLUDE (status, residence_insee_code, has_regular_doctor, recourse_reason, age_band, outcome, sessions,
             satisfaction_sum, satisfaction_answers);

-- A transition table names the rows of one event only, so each event has its trigger and its statement here. The
-- statements are static on purpose: PL/pgSQL plans them once per session, where EXECUTE of the same text planned it
-- for every write (measured: 1.0-1.4 ms against 0.1 ms added to a one-row insert).
CREATE FUNCTION encounter_daily_count_apply() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'INSERT' THEN
        INSERT INTO encounter_daily_count AS d (day, site_id, residence_insee_code, status, has_regular_doctor,
            recourse_reason, age_band, outcome, sessions, satisfaction_sum, satisfaction_answers)
        SELECT (period_start AT TIME ZONE 'Europe/Paris')::date, site_id, residence_insee_code, status,
               has_regular_doctor, recourse_reason, age_band, outcome,
               count(*), coalesce(sum(satisfaction), 0), count(satisfaction)
        FROM new_rows
        GROUP BY 1, 2, 3, 4, 5, 6, 7, 8
        -- one order in every transaction, so two writers of the same days lock their count rows in one order
        ORDER BY 1, 2, 3, 4, 5, 6, 7, 8
        ON CONFLICT ON CONSTRAINT encounter_daily_count_key DO UPDATE
            SET sessions = d.sessions + excluded.sessions,
                satisfaction_sum = d.satisfaction_sum + excluded.satisfaction_sum,
                satisfaction_answers = d.satisfaction_answers + excluded.satisfaction_answers;
    ELSIF TG_OP = 'DELETE' THEN
        INSERT INTO encounter_daily_count AS d (day, site_id, residence_insee_code, status, has_regular_doctor,
            recourse_reason, age_band, outcome, sessions, satisfaction_sum, satisfaction_answers)
        SELECT (period_start AT TIME ZONE 'Europe/Paris')::date, site_id, residence_insee_code, status,
               has_regular_doctor, recourse_reason, age_band, outcome,
               -count(*), -coalesce(sum(satisfaction), 0), -count(satisfaction)
        FROM old_rows
        GROUP BY 1, 2, 3, 4, 5, 6, 7, 8
        ORDER BY 1, 2, 3, 4, 5, 6, 7, 8
        ON CONFLICT ON CONSTRAINT encounter_daily_count_key DO UPDATE
            SET sessions = d.sessions + excluded.sessions,
                satisfaction_sum = d.satisfaction_sum + excluded.satisfaction_sum,
                satisfaction_answers = d.satisfaction_answers + excluded.satisfaction_answers;
    ELSE
        -- old rows count -1 and new rows +1; an update that changes no dimension nets to nothing and is skipped
        INSERT INTO encounter_daily_count AS d (day, site_id, residence_insee_code, status, has_regular_doctor,
            recourse_reason, age_band, outcome, sessions, satisfaction_sum, satisfaction_answers)
        SELECT (period_start AT TIME ZONE 'Europe/Paris')::date, site_id, residence_insee_code, status,
               has_regular_doctor, recourse_reason, age_band, outcome,
               sum(sign), coalesce(sum(sign * satisfaction), 0), coalesce(sum(sign) FILTER (WHERE satisfaction IS NOT NULL), 0)
        FROM (SELECT 1 AS sign, period_start, site_id, residence_insee_code, status, has_regular_doctor, recourse_reason,
                     age_band, outcome, satisfaction FROM new_rows
              UNION ALL
              SELECT -1, period_start, site_id, residence_insee_code, status, has_regular_doctor, recourse_reason,
                     age_band, outcome, satisfaction FROM old_rows) change
        GROUP BY 1, 2, 3, 4, 5, 6, 7, 8
        HAVING sum(sign) <> 0 OR coalesce(sum(sign * satisfaction), 0) <> 0
            OR coalesce(sum(sign) FILTER (WHERE satisfaction IS NOT NULL), 0) <> 0
        ORDER BY 1, 2, 3, 4, 5, 6, 7, 8
        ON CONFLICT ON CONSTRAINT encounter_daily_count_key DO UPDATE
            SET sessions = d.sessions + excluded.sessions,
                satisfaction_sum = d.satisfaction_sum + excluded.satisfaction_sum,
                satisfaction_answers = d.satisfaction_answers + excluded.satisfaction_answers;
    END IF;
    RETURN NULL;
END $$;

CREATE TRIGGER encounter_daily_count_insert AFTER INSERT ON encounter
    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION encounter_daily_count_apply();
CREATE TRIGGER encounter_daily_count_update AFTER UPDATE ON encounter
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION encounter_daily_count_apply();
CREATE TRIGGER encounter_daily_count_delete AFTER DELETE ON encounter
    REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION encounter_daily_count_apply();

-- Backfill: the counts of the rows already stored.
INSERT INTO encounter_daily_count (day, site_id, residence_insee_code, status, has_regular_doctor, recourse_reason,
    age_band, outcome, sessions, satisfaction_sum, satisfaction_answers)
SELECT (period_start AT TIME ZONE 'Europe/Paris')::date, site_id, residence_insee_code, status, has_regular_doctor,
       recourse_reason, age_band, outcome, count(*), coalesce(sum(satisfaction), 0), count(satisfaction)
FROM encounter
GROUP BY 1, 2, 3, 4, 5, 6, 7, 8;

DO $$
BEGIN
    IF EXISTS (SELECT FROM pg_roles WHERE rolname = 'grafana_ro') THEN
        GRANT SELECT ON encounter_daily_count TO grafana_ro;
    END IF;
END
$$;
