-- Employer staff who volunteer to speak to classes or mentor (the career clusters they speak on, topics, availability),
-- and teachers' requests for an industry professional, with the slots volunteers offer; an accepted offer becomes an
-- event session with the class registered.
CREATE TABLE volunteers (
    user_id       TEXT    NOT NULL PRIMARY KEY REFERENCES users (id),
    employer_id   TEXT    NOT NULL REFERENCES organizations (id),
    clusters      TEXT    NOT NULL,
    topics        TEXT    NOT NULL,
    availability  TEXT    NULL,
    in_person     INTEGER NOT NULL,
    virtual       INTEGER NOT NULL,
    active        INTEGER NOT NULL,
    updated_at    TEXT    NOT NULL
);
CREATE INDEX ix_volunteers_employer ON volunteers (employer_id);

CREATE TABLE classroom_requests (
    id               TEXT    NOT NULL PRIMARY KEY,
    region_id        TEXT    NOT NULL REFERENCES organizations (id),
    school_id        TEXT    NOT NULL REFERENCES organizations (id),
    class_id         TEXT    NULL REFERENCES classes (id),
    requested_by     TEXT    NOT NULL REFERENCES users (id),
    topic            TEXT    NOT NULL,
    career_cluster   TEXT    NOT NULL,
    grade            INTEGER NULL,
    students         INTEGER NOT NULL,
    preferred_times  TEXT    NOT NULL,
    modality         TEXT    NOT NULL CHECK (modality IN ('inPerson', 'virtual', 'either')),
    unit_connection  TEXT    NOT NULL,
    status           TEXT    NOT NULL CHECK (status IN ('open', 'scheduled', 'cancelled')),
    session_id       TEXT    NULL REFERENCES event_sessions (id),
    created_at       TEXT    NOT NULL,
    updated_at       TEXT    NOT NULL
);
CREATE INDEX ix_classroom_requests_region ON classroom_requests (region_id, status, created_at);
CREATE INDEX ix_classroom_requests_school ON classroom_requests (school_id, created_at);

CREATE TABLE classroom_request_offers (
    id            TEXT NOT NULL PRIMARY KEY,
    request_id    TEXT NOT NULL REFERENCES classroom_requests (id),
    volunteer_id  TEXT NOT NULL REFERENCES users (id),
    employer_id   TEXT NOT NULL REFERENCES organizations (id),
    offered_by    TEXT NOT NULL REFERENCES users (id),
    starts_at     TEXT NOT NULL,
    ends_at       TEXT NOT NULL,
    location      TEXT NULL,
    virtual_url   TEXT NULL,
    note          TEXT NULL,
    status        TEXT NOT NULL CHECK (status IN ('offered', 'accepted', 'declined', 'withdrawn')),
    created_at    TEXT NOT NULL,
    updated_at    TEXT NOT NULL
);
CREATE INDEX ix_classroom_request_offers_request ON classroom_request_offers (request_id, status);
-- One accepted offer per request, held by the database.
CREATE UNIQUE INDEX ux_classroom_request_offers_accepted ON classroom_request_offers (request_id) WHERE status = 'accepted';
