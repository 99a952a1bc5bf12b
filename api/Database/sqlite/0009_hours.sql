-- Hours logged against placements, approved (then locked) or rejected by the supervisor.
CREATE TABLE hours_entries (
    id                 TEXT    NOT NULL PRIMARY KEY,
    placement_id       TEXT    NOT NULL REFERENCES placements (id),
    student_id         TEXT    NOT NULL REFERENCES people (id),
    work_date          TEXT    NOT NULL,
    start_time         TEXT    NOT NULL,
    minutes            INTEGER NOT NULL CHECK (minutes > 0),
    activity           TEXT    NOT NULL,
    status             TEXT    NOT NULL CHECK (status IN ('submitted', 'approved', 'rejected')),
    reason             TEXT    NULL,
    decided_by_user_id TEXT    NULL REFERENCES users (id),
    decided_by_name    TEXT    NULL,
    decided_at         TEXT    NULL,
    version            INTEGER NOT NULL DEFAULT 1,
    created_at         TEXT    NOT NULL,
    updated_at         TEXT    NOT NULL
);
CREATE INDEX ix_hours_entries_placement ON hours_entries (placement_id, work_date);
CREATE INDEX ix_hours_entries_student ON hours_entries (student_id, work_date);

ALTER TABLE action_links ADD COLUMN hours_entry_id TEXT NULL;
