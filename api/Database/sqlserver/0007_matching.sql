-- Matching: per-region weights, placements (the central record; extended by the placement lifecycle), match rounds
-- with students' ranked choices and employers' rankings, an audit log, and the FERPA disclosure log.
CREATE TABLE matching_settings (
    region_id   UNIQUEIDENTIFIER NOT NULL PRIMARY KEY REFERENCES organizations (id),
    weights     NVARCHAR(MAX)    NOT NULL,
    max_choices INT NOT NULL,
    version     INT NOT NULL DEFAULT 1,
    updated_at  DATETIME2(7)    NOT NULL
);

CREATE TABLE placements (
    id              UNIQUEIDENTIFIER NOT NULL PRIMARY KEY,
    student_id      UNIQUEIDENTIFIER NOT NULL REFERENCES people (id),
    opportunity_id  UNIQUEIDENTIFIER NOT NULL REFERENCES opportunities (id),
    employer_id     UNIQUEIDENTIFIER NOT NULL REFERENCES organizations (id),
    school_id       UNIQUEIDENTIFIER NOT NULL REFERENCES organizations (id),
    district_id     UNIQUEIDENTIFIER NOT NULL REFERENCES organizations (id),
    region_id       UNIQUEIDENTIFIER NOT NULL REFERENCES organizations (id),
    status          NVARCHAR(400)    NOT NULL,
    source          NVARCHAR(400)    NOT NULL CHECK (source IN ('matchRound', 'application', 'assignment')),
    match_round_id  UNIQUEIDENTIFIER NULL,
    choice_rank     INT NULL,
    stage           NVARCHAR(400)    NOT NULL,
    stage_order     INT NOT NULL,
    career_cluster  NVARCHAR(400)    NOT NULL,
    completed_at    DATETIME2(7)    NULL,
    version         INT NOT NULL DEFAULT 1,
    created_at      DATETIME2(7)    NOT NULL,
    updated_at      DATETIME2(7)    NOT NULL
);
CREATE INDEX ix_placements_student ON placements (student_id, status);
CREATE INDEX ix_placements_opportunity ON placements (opportunity_id, status);
CREATE INDEX ix_placements_round ON placements (match_round_id);

CREATE TABLE match_rounds (
    id              UNIQUEIDENTIFIER NOT NULL PRIMARY KEY,
    organization_id UNIQUEIDENTIFIER NOT NULL REFERENCES organizations (id),
    region_id       UNIQUEIDENTIFIER NOT NULL REFERENCES organizations (id),
    name            NVARCHAR(200)    NOT NULL,
    status          NVARCHAR(400)    NOT NULL CHECK (status IN ('open', 'queued', 'running', 'matched', 'published')),
    max_choices     INT NOT NULL,
    seed            INT NOT NULL,
    reserve_group   NVARCHAR(400)    NULL,
    reserve_percent INT NOT NULL DEFAULT 0,
    stats_json      NVARCHAR(MAX)    NULL,
    progress        INT NOT NULL DEFAULT 0,
    runs            INT NOT NULL DEFAULT 0,
    created_by      UNIQUEIDENTIFIER NULL,
    version         INT NOT NULL DEFAULT 1,
    created_at      DATETIME2(7)    NOT NULL,
    matched_at      DATETIME2(7)    NULL,
    published_at    DATETIME2(7)    NULL
);
CREATE INDEX ix_match_rounds_region ON match_rounds (region_id, created_at);

CREATE TABLE match_round_opportunities (
    round_id       UNIQUEIDENTIFIER NOT NULL REFERENCES match_rounds (id),
    opportunity_id UNIQUEIDENTIFIER NOT NULL REFERENCES opportunities (id),
    seats          INT NOT NULL CHECK (seats >= 0),
    PRIMARY KEY (round_id, opportunity_id)
);

CREATE TABLE match_round_choices (
    round_id       UNIQUEIDENTIFIER NOT NULL REFERENCES match_rounds (id),
    student_id     UNIQUEIDENTIFIER NOT NULL REFERENCES people (id),
    rank           INT NOT NULL,
    opportunity_id UNIQUEIDENTIFIER NOT NULL REFERENCES opportunities (id),
    PRIMARY KEY (round_id, student_id, rank)
);
CREATE INDEX ix_match_round_choices_opportunity ON match_round_choices (round_id, opportunity_id);

CREATE TABLE match_round_rankings (
    round_id       UNIQUEIDENTIFIER NOT NULL REFERENCES match_rounds (id),
    opportunity_id UNIQUEIDENTIFIER NOT NULL REFERENCES opportunities (id),
    student_id     UNIQUEIDENTIFIER NOT NULL REFERENCES people (id),
    rank           INT NULL,
    unacceptable   INT NOT NULL DEFAULT 0,
    PRIMARY KEY (round_id, opportunity_id, student_id)
);

CREATE TABLE audit_log (
    id          UNIQUEIDENTIFIER NOT NULL PRIMARY KEY,
    at          DATETIME2(7) NOT NULL,
    actor       NVARCHAR(400) NOT NULL,
    action      NVARCHAR(400) NOT NULL,
    entity_type NVARCHAR(400) NOT NULL,
    entity_id   NVARCHAR(400) NOT NULL,
    region_id   UNIQUEIDENTIFIER NULL,
    detail      NVARCHAR(MAX) NULL
);
CREATE INDEX ix_audit_log_entity ON audit_log (entity_type, entity_id);

-- FERPA 34 CFR 99.32: every disclosure of a student's records to an outside party (an employer) is recorded.
CREATE TABLE disclosures (
    id                UNIQUEIDENTIFIER NOT NULL PRIMARY KEY,
    student_id        UNIQUEIDENTIFIER NOT NULL REFERENCES people (id),
    disclosed_to_org  UNIQUEIDENTIFIER NOT NULL REFERENCES organizations (id),
    disclosed_to_user UNIQUEIDENTIFIER NULL,
    fields            NVARCHAR(MAX) NOT NULL,
    basis             NVARCHAR(MAX) NOT NULL,
    context           NVARCHAR(MAX) NOT NULL,
    at                DATETIME2(7) NOT NULL
);
CREATE INDEX ix_disclosures_student ON disclosures (student_id, at);
