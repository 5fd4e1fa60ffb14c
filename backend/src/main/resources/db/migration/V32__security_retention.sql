-- Sessions past the retention period (maillage.retention.detail-months) survive only as these daily counts, per
-- site, commune of residence ('' when unknown) and Encounter status; their rows are deleted in the same transaction.
CREATE TABLE session_daily_count (
    day                  date    NOT NULL,
    site_id              text    NOT NULL,
    residence_insee_code text    NOT NULL,
    status               text    NOT NULL,
    sessions             integer NOT NULL CHECK (sessions > 0),
    PRIMARY KEY (day, site_id, residence_insee_code, status)
);

CREATE INDEX session_daily_count_residence ON session_daily_count (residence_insee_code, day);
