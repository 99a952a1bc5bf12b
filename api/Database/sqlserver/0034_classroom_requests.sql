-- Employer staff who volunteer to speak to classes or mentor (the career clusters they speak on, topics, availability),
-- and teachers' requests for an industry professional, with the slots volunteers offer; an accepted offer becomes an
-- event session with the class registered.
CREATE TABLE volunteers (
    user_id       UNIQUEIDENTIFIER NOT NULL PRIMARY KEY REFERENCES users (id),
    employer_id   UNIQUEIDENTIFIER NOT NULL REFERENCES organizations (id),
    clusters      NVARCHAR(MAX)    NOT NULL,
    topics        NVARCHAR(1000)   NOT NULL,
    availability  NVARCHAR(1000)   NULL,
    in_person     BIT              NOT NULL,
    virtual       BIT              NOT NULL,
    active        BIT              NOT NULL,
    updated_at    DATETIME2(7)     NOT NULL
);
CREATE INDEX ix_volunteers_employer ON volunteers (employer_id);

CREATE TABLE classroom_requests (
    id               UNIQUEIDENTIFIER NOT NULL PRIMARY KEY,
    region_id        UNIQUEIDENTIFIER NOT NULL REFERENCES organizations (id),
    school_id        UNIQUEIDENTIFIER NOT NULL REFERENCES organizations (id),
    class_id         UNIQUEIDENTIFIER NULL REFERENCES classes (id),
    requested_by     UNIQUEIDENTIFIER NOT NULL REFERENCES users (id),
    topic            NVARCHAR(200)    NOT NULL,
    career_cluster   NVARCHAR(64)     NOT NULL,
    grade            INT              NULL,
    students         INT              NOT NULL,
    preferred_times  NVARCHAR(1000)   NOT NULL,
    modality         NVARCHAR(16)     NOT NULL CHECK (modality IN ('inPerson', 'virtual', 'either')),
    unit_connection  NVARCHAR(2000)   NOT NULL,
    status           NVARCHAR(16)     NOT NULL CHECK (status IN ('open', 'scheduled', 'cancelled')),
    session_id       UNIQUEIDENTIFIER NULL REFERENCES event_sessions (id),
    created_at       DATETIME2(7)     NOT NULL,
    updated_at       DATETIME2(7)     NOT NULL
);
CREATE INDEX ix_classroom_requests_region ON classroom_requests (region_id, status, created_at);
CREATE INDEX ix_classroom_requests_school ON classroom_requests (school_id, created_at);

CREATE TABLE classroom_request_offers (
    id            UNIQUEIDENTIFIER NOT NULL PRIMARY KEY,
    request_id    UNIQUEIDENTIFIER NOT NULL REFERENCES classroom_requests (id),
    volunteer_id  UNIQUEIDENTIFIER NOT NULL REFERENCES users (id),
    employer_id   UNIQUEIDENTIFIER NOT NULL REFERENCES organizations (id),
    offered_by    UNIQUEIDENTIFIER NOT NULL REFERENCES users (id),
    starts_at     DATETIME2(7)     NOT NULL,
    ends_at       DATETIME2(7)     NOT NULL,
    location      NVARCHAR(300)    NULL,
    virtual_url   NVARCHAR(1000)   NULL,
    note          NVARCHAR(1000)   NULL,
    status        NVARCHAR(16)     NOT NULL CHECK (status IN ('offered', 'accepted', 'declined', 'withdrawn')),
    created_at    DATETIME2(7)     NOT NULL,
    updated_at    DATETIME2(7)     NOT NULL
);
CREATE INDEX ix_classroom_request_offers_request ON classroom_request_offers (request_id, status);
-- One accepted offer per request, held by the database.
CREATE UNIQUE INDEX ux_classroom_request_offers_accepted ON classroom_request_offers (request_id) WHERE status = 'accepted';
