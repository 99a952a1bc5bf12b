-- Responses to POSTs sent with an Idempotency-Key, replayed for 24 hours (status_code 0 while the first is running).
CREATE TABLE idempotency_records (
    scope_key    TEXT    NOT NULL PRIMARY KEY,
    request_hash TEXT    NOT NULL,
    status_code  INTEGER NOT NULL,
    content_type TEXT    NULL,
    location     TEXT    NULL,
    etag         TEXT    NULL,
    body         BLOB    NULL,
    created_at   TEXT    NOT NULL
);
CREATE INDEX ix_idempotency_records_created ON idempotency_records (created_at);
