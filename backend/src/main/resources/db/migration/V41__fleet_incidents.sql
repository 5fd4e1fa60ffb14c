-- Incidents: opened when an alert rule fires for a site (or one of its devices), resolved when it recovers.
-- At most one open incident per site, device and rule (deduplication); device_id '' is the site itself.
CREATE TABLE incident (
    id              bigserial PRIMARY KEY,
    site_id         text        NOT NULL REFERENCES site (id),
    device_id       text        NOT NULL,
    rule            text        NOT NULL,
    detail          text        NOT NULL,
    opened_at       timestamptz NOT NULL,
    resolved_at     timestamptz,
    escalated_at    timestamptz,
    acknowledged_at timestamptz,
    acknowledged_by text
);

CREATE UNIQUE INDEX incident_open_once ON incident (site_id, device_id, rule) WHERE resolved_at IS NULL;
CREATE INDEX incident_site_opened ON incident (site_id, opened_at);
CREATE INDEX incident_opened ON incident (opened_at);

-- What coordinators wrote about an incident.
CREATE TABLE incident_comment (
    id          bigserial PRIMARY KEY,
    incident_id bigint      NOT NULL REFERENCES incident (id),
    author      text        NOT NULL,
    body        text        NOT NULL,
    created_at  timestamptz NOT NULL
);

CREATE INDEX incident_comment_incident ON incident_comment (incident_id, created_at);

-- Alert notifications to send (an outbox written in the incident's transaction), with their retries.
CREATE TABLE alert_notification (
    id              bigserial PRIMARY KEY,
    incident_id     bigint      NOT NULL REFERENCES incident (id),
    event           text        NOT NULL,
    channel         text        NOT NULL,
    target          text        NOT NULL,
    payload         text        NOT NULL,
    attempts        integer     NOT NULL DEFAULT 0,
    next_attempt_at timestamptz NOT NULL,
    sent_at         timestamptz,
    failed_at       timestamptz,
    last_error      text,
    created_at      timestamptz NOT NULL
);

CREATE INDEX alert_notification_due ON alert_notification (next_attempt_at) WHERE sent_at IS NULL AND failed_at IS NULL;
