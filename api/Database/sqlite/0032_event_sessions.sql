-- Events of the continuum's awareness and exploration stages (a guest speaker, a career fair, a worksite tour, an
-- informational interview) happen in sessions that students register for, a seat each up to the session's capacity,
-- then a waiting list; attendance is what counts as participation.
CREATE TABLE event_sessions (
    id                 TEXT    NOT NULL PRIMARY KEY,
    opportunity_id     TEXT    NOT NULL REFERENCES opportunities (id),
    starts_at          TEXT    NOT NULL,
    ends_at            TEXT    NOT NULL,
    location           TEXT    NULL,
    virtual_url        TEXT    NULL,
    capacity           INTEGER NOT NULL CHECK (capacity > 0),
    -- Seats taken: raised only by a write that checks it against the capacity, so the database holds the limit.
    registered         INTEGER NOT NULL DEFAULT 0 CHECK (registered >= 0 AND registered <= capacity),
    check_in_code      TEXT    NOT NULL,
    status             TEXT    NOT NULL CHECK (status IN ('scheduled', 'cancelled')),
    created_by_user_id TEXT    NULL,
    created_at         TEXT    NOT NULL,
    updated_at         TEXT    NOT NULL,
    CHECK (ends_at > starts_at)
);
CREATE INDEX ix_event_sessions_opportunity ON event_sessions (opportunity_id, starts_at);

CREATE TABLE event_registrations (
    session_id             TEXT NOT NULL REFERENCES event_sessions (id),
    student_id             TEXT NOT NULL REFERENCES people (id),
    status                 TEXT NOT NULL CHECK (status IN ('registered', 'waitlisted', 'cancelled')),
    registered_by_user_id  TEXT NULL,
    -- The waiting list's order: the earliest waiting is promoted first.
    created_at             TEXT NOT NULL,
    updated_at             TEXT NOT NULL,
    attendance             TEXT NULL CHECK (attendance IN ('present', 'absent')),
    attendance_by_user_id  TEXT NULL,
    attendance_at          TEXT NULL,
    checked_in_at          TEXT NULL,
    PRIMARY KEY (session_id, student_id)
);
CREATE INDEX ix_event_registrations_waiting ON event_registrations (session_id, status, created_at);
CREATE INDEX ix_event_registrations_student ON event_registrations (student_id, attendance);
