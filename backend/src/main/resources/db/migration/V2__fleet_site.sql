-- One row per site, created by its first message; a birth fills in its description.
-- conn_seq is the connection sequence of the last birth or Will applied: a Will whose conn_seq is older than
-- the last birth is stale (the late-will race) and changes nothing.
CREATE TABLE site (
    id                     text PRIMARY KEY,
    name                   text,
    kind                   text,
    insee_code             text,
    latitude               double precision,
    longitude              double precision,
    connection             text        NOT NULL,
    conn_seq               bigint      NOT NULL,
    connection_changed_at  timestamptz,
    health                 text,
    last_status_seq        bigint      NOT NULL,
    last_status_at         timestamptz,
    last_status_occurred_at timestamptz,
    heartbeat_seconds      integer,
    agent_version          text,
    created_at             timestamptz NOT NULL
);

-- The latest reading of every probed device of a site.
CREATE TABLE site_device (
    site_id      text        NOT NULL REFERENCES site (id),
    device_id    text        NOT NULL,
    kind         text        NOT NULL,
    health       text        NOT NULL,
    detail       text,
    measurements jsonb       NOT NULL,
    updated_at   timestamptz NOT NULL,
    PRIMARY KEY (site_id, device_id)
);
