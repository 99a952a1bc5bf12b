-- A session that leaves campus needs a guardian's permission for each student under 18: asked by email with a one-time
-- link per guardian (only the link's hash is kept), or recorded by school staff from a paper form.
ALTER TABLE event_sessions ADD COLUMN off_campus INTEGER NOT NULL DEFAULT 0;
ALTER TABLE event_registrations ADD COLUMN permission TEXT NULL CHECK (permission IN ('pending', 'granted', 'refused'));
ALTER TABLE event_registrations ADD COLUMN permission_by TEXT NULL;
ALTER TABLE event_registrations ADD COLUMN permission_at TEXT NULL;

CREATE TABLE event_permission_links (
    token_hash   TEXT NOT NULL PRIMARY KEY,
    session_id   TEXT NOT NULL REFERENCES event_sessions (id),
    student_id   TEXT NOT NULL REFERENCES people (id),
    guardian_id  TEXT NOT NULL REFERENCES people (id),
    expires_at   TEXT NOT NULL,
    used_at      TEXT NULL,
    created_at   TEXT NOT NULL
);
CREATE INDEX ix_event_permission_links_student ON event_permission_links (student_id);
