-- FHIR Bulk Data export jobs. The NDJSON files themselves are written to maillage.fhir.export-directory.
CREATE TABLE bulk_export_job (
    id               uuid PRIMARY KEY,
    status           text        NOT NULL,
    request_url      text        NOT NULL,
    types            text        NOT NULL,
    since            timestamptz,
    group_id         text,
    transaction_time timestamptz NOT NULL,
    completed_at     timestamptz,
    error            text,
    output           jsonb       NOT NULL
);
