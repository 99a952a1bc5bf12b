-- Roster imports can be previewed, and a bulk import that would deactivate much of a district waits for a district
-- admin's confirmation: two more statuses (SQLite rebuilds the table to change its CHECK), the preview kept beside
-- the payload, and who confirmed and when. Imports may also come from a pull of the district SIS's OneRoster REST
-- service (source 'rest', with what to pull until the pulled data becomes the payload).
CREATE TABLE roster_imports_next (
    id                   TEXT    NOT NULL PRIMARY KEY,
    district_id          TEXT    NOT NULL REFERENCES organizations (id),
    region_id            TEXT    NOT NULL REFERENCES organizations (id),
    source               TEXT    NOT NULL CHECK (source IN ('csv', 'json', 'rest')),
    mode                 TEXT    NOT NULL CHECK (mode IN ('bulk', 'delta')),
    status               TEXT    NOT NULL CHECK (status IN ('queued', 'running', 'succeeded', 'failed', 'previewed', 'needsConfirmation')),
    payload              BLOB    NULL,
    total_rows           INTEGER NOT NULL DEFAULT 0,
    processed_rows       INTEGER NOT NULL DEFAULT 0,
    counts               TEXT    NULL,
    errors               TEXT    NULL,
    error_count          INTEGER NOT NULL DEFAULT 0,
    created_by_user_id   TEXT    NULL REFERENCES users (id),
    api_key_id           TEXT    NULL REFERENCES api_keys (id),
    created_at           TEXT    NOT NULL,
    started_at           TEXT    NULL,
    finished_at          TEXT    NULL,
    preview_only         INTEGER NOT NULL DEFAULT 0,
    confirmed            INTEGER NOT NULL DEFAULT 0,
    confirmed_by_user_id TEXT    NULL REFERENCES users (id),
    confirmed_at         TEXT    NULL,
    changes              TEXT    NULL,
    notes                TEXT    NULL,
    oneroster_version    TEXT    NULL,
    pull_spec            TEXT    NULL
);
INSERT INTO roster_imports_next (id, district_id, region_id, source, mode, status, payload, total_rows, processed_rows, counts, errors, error_count,
                                 created_by_user_id, api_key_id, created_at, started_at, finished_at)
SELECT id, district_id, region_id, source, mode, status, payload, total_rows, processed_rows, counts, errors, error_count,
       created_by_user_id, api_key_id, created_at, started_at, finished_at FROM roster_imports;
DROP TABLE roster_imports;
ALTER TABLE roster_imports_next RENAME TO roster_imports;
CREATE INDEX ix_roster_imports_district ON roster_imports (district_id, created_at);
CREATE INDEX ix_roster_imports_status ON roster_imports (status);
