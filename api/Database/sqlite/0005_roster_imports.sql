-- Roster import jobs: the uploaded input, its status, and the result (counts, or the row errors that rejected it).
CREATE TABLE roster_imports (
    id                 TEXT    NOT NULL PRIMARY KEY,
    district_id        TEXT    NOT NULL REFERENCES organizations (id),
    region_id          TEXT    NOT NULL REFERENCES organizations (id),
    source             TEXT    NOT NULL CHECK (source IN ('csv', 'json')),
    mode               TEXT    NOT NULL CHECK (mode IN ('bulk', 'delta')),
    status             TEXT    NOT NULL CHECK (status IN ('queued', 'running', 'succeeded', 'failed')),
    payload            BLOB    NULL,
    total_rows         INTEGER NOT NULL DEFAULT 0,
    processed_rows     INTEGER NOT NULL DEFAULT 0,
    counts             TEXT    NULL,
    errors             TEXT    NULL,
    error_count        INTEGER NOT NULL DEFAULT 0,
    created_by_user_id TEXT    NULL REFERENCES users (id),
    api_key_id         TEXT    NULL REFERENCES api_keys (id),
    created_at         TEXT    NOT NULL,
    started_at         TEXT    NULL,
    finished_at        TEXT    NULL
);
CREATE INDEX ix_roster_imports_district ON roster_imports (district_id, created_at);
CREATE INDEX ix_roster_imports_status ON roster_imports (status);
