-- Messages refused by the wire contract or by processing, kept raw with the reason: nothing is lost, and
-- an operator can replay them once the sender or the backend is fixed.
CREATE TABLE dead_letter (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    received_at timestamptz NOT NULL,
    topic       text        NOT NULL,
    payload     bytea       NOT NULL,
    reason      text        NOT NULL,
    detail      text        NOT NULL
);

CREATE INDEX dead_letter_received_at ON dead_letter (received_at);
