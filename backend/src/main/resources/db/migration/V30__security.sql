-- Local accounts (the embedded demo, or a deployment without an identity provider).
CREATE TABLE account (
    username      text PRIMARY KEY,
    password_hash text        NOT NULL,
    role          text        NOT NULL,
    territory     text,
    site_id       text,
    created_at    timestamptz NOT NULL
);

-- Every read of health data and every change: who, when, what, from where. Append-only: the application
-- inserts, and the triggers below refuse any update or delete, whoever asks.
CREATE TABLE audit_record (
    id             bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    at             timestamptz NOT NULL,
    username       text        NOT NULL,
    roles          text        NOT NULL,
    method         text        NOT NULL,
    path           text        NOT NULL,
    status         integer     NOT NULL,
    remote_address text
);

CREATE INDEX audit_record_at ON audit_record (at);

CREATE FUNCTION audit_record_is_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'audit records cannot be changed or deleted';
END;
$$;

CREATE TRIGGER audit_record_no_update BEFORE UPDATE OR DELETE ON audit_record
    FOR EACH ROW EXECUTE FUNCTION audit_record_is_append_only();
CREATE TRIGGER audit_record_no_truncate BEFORE TRUNCATE ON audit_record
    FOR EACH STATEMENT EXECUTE FUNCTION audit_record_is_append_only();
