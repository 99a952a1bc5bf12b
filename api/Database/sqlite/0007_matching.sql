-- Matching: per-region weights, placements (the central record; extended by the placement lifecycle), match rounds
-- with students' ranked choices and employers' rankings, an audit log, and the FERPA disclosure log.
CREATE TABLE matching_settings (
    region_id   TEXT    NOT NULL PRIMARY KEY REFERENCES organizations (id),
    weights     TEXT    NOT NULL,
    max_choices INTEGER NOT NULL,
    version     INTEGER NOT NULL DEFAULT 1,
    updated_at  TEXT    NOT NULL
);

CREATE TABLE placements (
    id              TEXT    NOT NULL PRIMARY KEY,
    student_id      TEXT    NOT NULL REFERENCES people (id),
    opportunity_id  TEXT    NOT NULL REFERENCES opportunities (id),
    employer_id     TEXT    NOT NULL REFERENCES organizations (id),
    school_id       TEXT    NOT NULL REFERENCES organizations (id),
    district_id     TEXT    NOT NULL REFERENCES organizations (id),
    region_id       TEXT    NOT NULL REFERENCES organizations (id),
    status          TEXT    NOT NULL,
    source          TEXT    NOT NULL CHECK (source IN ('matchRound', 'application', 'assignment')),
    match_round_id  TEXT    NULL,
    choice_rank     INTEGER NULL,
    stage           TEXT    NOT NULL,
    stage_order     INTEGER NOT NULL,
    career_cluster  TEXT    NOT NULL,
    completed_at    TEXT    NULL,
    version         INTEGER NOT NULL DEFAULT 1,
    created_at      TEXT    NOT NULL,
    updated_at      TEXT    NOT NULL
);
CREATE INDEX ix_placements_student ON placements (student_id, status);
CREATE INDEX ix_placements_opportunity ON placements (opportunity_id, status);
CREATE INDEX ix_placements_round ON placements (match_round_id);

CREATE TABLE match_rounds (
    id              TEXT    NOT NULL PRIMARY KEY,
    organization_id TEXT    NOT NULL REFERENCES organizations (id),
    region_id       TEXT    NOT NULL REFERENCES organizations (id),
    name            TEXT    NOT NULL,
    status          TEXT    NOT NULL CHECK (status IN ('open', 'queued', 'running', 'matched', 'published')),
    max_choices     INTEGER NOT NULL,
    seed            INTEGER NOT NULL,
    reserve_group   TEXT    NULL,
    reserve_percent INTEGER NOT NULL DEFAULT 0,
    stats_json      TEXT    NULL,
    progress        INTEGER NOT NULL DEFAULT 0,
    runs            INTEGER NOT NULL DEFAULT 0,
    created_by      TEXT    NULL,
    version         INTEGER NOT NULL DEFAULT 1,
    created_at      TEXT    NOT NULL,
    matched_at      TEXT    NULL,
    published_at    TEXT    NULL
);
CREATE INDEX ix_match_rounds_region ON match_rounds (region_id, created_at);

CREATE TABLE match_round_opportunities (
    round_id       TEXT    NOT NULL REFERENCES match_rounds (id),
    opportunity_id TEXT    NOT NULL REFERENCES opportunities (id),
    seats          INTEGER NOT NULL CHECK (seats >= 0),
    PRIMARY KEY (round_id, opportunity_id)
);

CREATE TABLE match_round_choices (
    round_id       TEXT    NOT NULL REFERENCES match_rounds (id),
    student_id     TEXT    NOT NULL REFERENCES people (id),
    rank           INTEGER NOT NULL,
    opportunity_id TEXT    NOT NULL REFERENCES opportunities (id),
    PRIMARY KEY (round_id, student_id, rank)
);
CREATE INDEX ix_match_round_choices_opportunity ON match_round_choices (round_id, opportunity_id);

CREATE TABLE match_round_rankings (
    round_id       TEXT    NOT NULL REFERENCES match_rounds (id),
    opportunity_id TEXT    NOT NULL REFERENCES opportunities (id),
    student_id     TEXT    NOT NULL REFERENCES people (id),
    rank           INTEGER NULL,
    unacceptable   INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (round_id, opportunity_id, student_id)
);

CREATE TABLE audit_log (
    id          TEXT NOT NULL PRIMARY KEY,
    at          TEXT NOT NULL,
    actor       TEXT NOT NULL,
    action      TEXT NOT NULL,
    entity_type TEXT NOT NULL,
    entity_id   TEXT NOT NULL,
    region_id   TEXT NULL,
    detail      TEXT NULL
);
CREATE INDEX ix_audit_log_entity ON audit_log (entity_type, entity_id);

-- FERPA 34 CFR 99.32: every disclosure of a student's records to an outside party (an employer) is recorded.
CREATE TABLE disclosures (
    id                TEXT NOT NULL PRIMARY KEY,
    student_id        TEXT NOT NULL REFERENCES people (id),
    disclosed_to_org  TEXT NOT NULL REFERENCES organizations (id),
    disclosed_to_user TEXT NULL,
    fields            TEXT NOT NULL,
    basis             TEXT NOT NULL,
    context           TEXT NOT NULL,
    at                TEXT NOT NULL
);
CREATE INDEX ix_disclosures_student ON disclosures (student_id, at);
