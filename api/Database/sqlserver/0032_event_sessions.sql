-- Events of the continuum's awareness and exploration stages (a guest speaker, a career fair, a worksite tour, an
-- informational interview) happen in sessions that students register for, a seat each up to the session's capacity,
-- then a waiting list; attendance is what counts as participation.
CREATE TABLE event_sessions (
    id                 UNIQUEIDENTIFIER NOT NULL PRIMARY KEY,
    opportunity_id     UNIQUEIDENTIFIER NOT NULL REFERENCES opportunities (id),
    starts_at          DATETIME2(7)     NOT NULL,
    ends_at            DATETIME2(7)     NOT NULL,
    location           NVARCHAR(300)    NULL,
    virtual_url        NVARCHAR(1000)   NULL,
    capacity           INT              NOT NULL CHECK (capacity > 0),
    -- Seats taken: raised only by a write that checks it against the capacity, so the database holds the limit.
    registered         INT              NOT NULL DEFAULT 0,
    check_in_code      NVARCHAR(16)     NOT NULL,
    status             NVARCHAR(16)     NOT NULL CHECK (status IN ('scheduled', 'cancelled')),
    created_by_user_id UNIQUEIDENTIFIER NULL,
    created_at         DATETIME2(7)     NOT NULL,
    updated_at         DATETIME2(7)     NOT NULL,
    CONSTRAINT ck_event_sessions_registered CHECK (registered >= 0 AND registered <= capacity),
    CONSTRAINT ck_event_sessions_times CHECK (ends_at > starts_at)
);
CREATE INDEX ix_event_sessions_opportunity ON event_sessions (opportunity_id, starts_at);

CREATE TABLE event_registrations (
    session_id             UNIQUEIDENTIFIER NOT NULL REFERENCES event_sessions (id),
    student_id             UNIQUEIDENTIFIER NOT NULL REFERENCES people (id),
    status                 NVARCHAR(16)     NOT NULL CHECK (status IN ('registered', 'waitlisted', 'cancelled')),
    registered_by_user_id  UNIQUEIDENTIFIER NULL,
    -- The waiting list's order: the earliest waiting is promoted first.
    created_at             DATETIME2(7)     NOT NULL,
    updated_at             DATETIME2(7)     NOT NULL,
    attendance             NVARCHAR(16)     NULL CHECK (attendance IN ('present', 'absent')),
    attendance_by_user_id  UNIQUEIDENTIFIER NULL,
    attendance_at          DATETIME2(7)     NULL,
    checked_in_at          DATETIME2(7)     NULL,
    CONSTRAINT pk_event_registrations PRIMARY KEY (session_id, student_id)
);
CREATE INDEX ix_event_registrations_waiting ON event_registrations (session_id, status, created_at);
CREATE INDEX ix_event_registrations_student ON event_registrations (student_id, attendance);
