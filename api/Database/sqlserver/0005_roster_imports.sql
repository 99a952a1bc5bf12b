-- Roster import jobs: the uploaded input, its status, and the result (counts, or the row errors that rejected it).
CREATE TABLE roster_imports (
    id                 UNIQUEIDENTIFIER NOT NULL CONSTRAINT pk_roster_imports PRIMARY KEY,
    district_id        UNIQUEIDENTIFIER NOT NULL CONSTRAINT fk_roster_imports_district REFERENCES organizations (id),
    region_id          UNIQUEIDENTIFIER NOT NULL CONSTRAINT fk_roster_imports_region REFERENCES organizations (id),
    source             NVARCHAR(8)      NOT NULL CONSTRAINT ck_roster_imports_source CHECK (source IN ('csv', 'json')),
    mode               NVARCHAR(8)      NOT NULL CONSTRAINT ck_roster_imports_mode CHECK (mode IN ('bulk', 'delta')),
    status             NVARCHAR(16)     NOT NULL CONSTRAINT ck_roster_imports_status CHECK (status IN ('queued', 'running', 'succeeded', 'failed')),
    payload            VARBINARY(MAX)   NULL,
    total_rows         INT              NOT NULL CONSTRAINT df_roster_imports_total DEFAULT 0,
    processed_rows     INT              NOT NULL CONSTRAINT df_roster_imports_processed DEFAULT 0,
    counts             NVARCHAR(MAX)    NULL,
    errors             NVARCHAR(MAX)    NULL,
    error_count        INT              NOT NULL CONSTRAINT df_roster_imports_error_count DEFAULT 0,
    created_by_user_id UNIQUEIDENTIFIER NULL CONSTRAINT fk_roster_imports_user REFERENCES users (id),
    api_key_id         UNIQUEIDENTIFIER NULL CONSTRAINT fk_roster_imports_key REFERENCES api_keys (id),
    created_at         DATETIME2(7)     NOT NULL,
    started_at         DATETIME2(7)     NULL,
    finished_at        DATETIME2(7)     NULL
);
CREATE INDEX ix_roster_imports_district ON roster_imports (district_id, created_at);
CREATE INDEX ix_roster_imports_status ON roster_imports (status);
