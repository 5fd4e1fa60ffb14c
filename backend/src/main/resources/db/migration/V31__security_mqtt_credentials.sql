-- Broker accounts issued by the admin API: a site (user name = site id) or the backend. The password itself is
-- never stored; the hash is Mosquitto's own ($7$, PBKDF2-SHA512), so the password file is written from this table.
CREATE TABLE mqtt_credential (
    username      text PRIMARY KEY,
    password_hash text        NOT NULL,
    issued_at     timestamptz NOT NULL,
    issued_by     text        NOT NULL
);
