-- The fleet state machine (issue 6). The site row keeps the state now and, while a recovery is being confirmed
-- (hysteresis), the candidate state and since when it has held. Times here are the backend's clock.
ALTER TABLE site
    ADD COLUMN state               text NOT NULL DEFAULT 'UNKNOWN',
    ADD COLUMN state_since         timestamptz,
    ADD COLUMN state_reason        text,
    ADD COLUMN candidate_state     text,
    ADD COLUMN candidate_since     timestamptz,
    ADD COLUMN last_heard_at       timestamptz,
    -- NULL: the default hours of the site's kind (maillage.fleet.opening-hours.*)
    ADD COLUMN opening_hours       text;

ALTER TABLE site_device
    ADD COLUMN state           text NOT NULL DEFAULT 'UNKNOWN',
    ADD COLUMN state_since     timestamptz,
    ADD COLUMN candidate_state text,
    ADD COLUMN candidate_since timestamptz;

-- Sites whose heartbeat may be overdue or whose recovery is pending: what the sweeper reads every few seconds.
CREATE INDEX site_watch ON site (state, last_heard_at);

-- Closed state intervals, appended when a state ends and never updated: the open interval of a site or device
-- is its row's state since state_since. Append-only with started_at in the key, so the table can be
-- partitioned by month on started_at (issue 9) without changing a query.
-- device_id '' is the site itself.
CREATE TABLE site_state_interval (
    site_id    text        NOT NULL REFERENCES site (id),
    device_id  text        NOT NULL,
    state      text        NOT NULL,
    started_at timestamptz NOT NULL,
    ended_at   timestamptz NOT NULL,
    reason     text,
    PRIMARY KEY (site_id, device_id, started_at),
    CHECK (ended_at >= started_at)
);

CREATE INDEX site_state_interval_ended ON site_state_interval (site_id, device_id, ended_at);
