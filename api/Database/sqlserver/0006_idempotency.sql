-- Responses to POSTs sent with an Idempotency-Key, replayed for 24 hours (status_code 0 while the first is running).
CREATE TABLE idempotency_records (
    scope_key    NVARCHAR(64)    NOT NULL CONSTRAINT pk_idempotency_records PRIMARY KEY,
    request_hash NVARCHAR(64)    NOT NULL,
    status_code  INT             NOT NULL,
    content_type NVARCHAR(200)   NULL,
    location     NVARCHAR(2000)  NULL,
    etag         NVARCHAR(100)   NULL,
    body         VARBINARY(MAX)  NULL,
    created_at   DATETIME2(7)    NOT NULL
);
CREATE INDEX ix_idempotency_records_created ON idempotency_records (created_at);
