-- Each node keeps signed-in callers (user, memberships) and API keys in memory. A change to what a caller may do is
-- written here in the same transaction; every node reads the new rows each second and forgets those callers.
CREATE TABLE access_changes (
    seq         INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    kind        TEXT    NOT NULL CHECK (kind IN ('user', 'apiKey', 'organization')),
    subject_id  TEXT    NOT NULL,
    changed_at  TEXT    NOT NULL
);
CREATE INDEX ix_access_changes_changed ON access_changes (changed_at);
