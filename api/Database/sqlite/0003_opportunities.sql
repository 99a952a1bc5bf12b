-- Opportunities posted by employers (or a convener on their behalf), curated before students see them.
CREATE TABLE opportunities (
    id                  TEXT    NOT NULL PRIMARY KEY,
    employer_id         TEXT    NOT NULL REFERENCES organizations (id),
    region_id           TEXT    NOT NULL REFERENCES organizations (id),
    title               TEXT    NOT NULL,
    description         TEXT    NOT NULL,
    duties              TEXT    NULL,
    type                TEXT    NOT NULL,
    stage               TEXT    NOT NULL CHECK (stage IN ('awareness', 'exploration', 'preparation', 'training')),
    career_cluster      TEXT    NOT NULL,
    pathway             TEXT    NULL,
    skills              TEXT    NOT NULL,
    modality            TEXT    NOT NULL CHECK (modality IN ('inPerson', 'virtual', 'hybrid')),
    site_name           TEXT    NULL,
    address_line1       TEXT    NULL,
    address_line2       TEXT    NULL,
    address_city        TEXT    NULL,
    address_state       TEXT    NULL,
    address_postal_code TEXT    NULL,
    address_country     TEXT    NULL,
    latitude            REAL    NULL,
    longitude           REAL    NULL,
    seats               INTEGER NOT NULL CHECK (seats > 0),
    start_date          TEXT    NULL,
    end_date            TEXT    NULL,
    schedule            TEXT    NOT NULL,
    expected_hours      INTEGER NULL,
    compensation        TEXT    NOT NULL CHECK (compensation IN ('paid', 'stipend', 'unpaid')),
    hourly_wage_cents   INTEGER NULL,
    stipend_cents       INTEGER NULL,
    credit_offered      INTEGER NOT NULL DEFAULT 0,
    credit_description  TEXT    NULL,
    min_grade           INTEGER NULL,
    min_age             INTEGER NULL,
    prerequisite_stage  TEXT    NULL,
    required_forms      TEXT    NOT NULL,
    hazardous           INTEGER NOT NULL DEFAULT 0,
    audience            TEXT    NOT NULL CHECK (audience IN ('region', 'district', 'school')),
    status              TEXT    NOT NULL CHECK (status IN ('draft', 'submitted', 'published', 'rejected', 'closed')),
    rejection_reason    TEXT    NULL,
    submitted_at        TEXT    NULL,
    decided_at          TEXT    NULL,
    decided_by_user_id  TEXT    NULL REFERENCES users (id),
    created_by_user_id  TEXT    NULL REFERENCES users (id),
    version             INTEGER NOT NULL DEFAULT 1,
    created_at          TEXT    NOT NULL,
    updated_at          TEXT    NOT NULL
);
CREATE INDEX ix_opportunities_region_status ON opportunities (region_id, status);
CREATE INDEX ix_opportunities_employer ON opportunities (employer_id);
CREATE INDEX ix_opportunities_cluster ON opportunities (career_cluster, stage);

CREATE TABLE opportunity_audiences (
    opportunity_id  TEXT NOT NULL REFERENCES opportunities (id),
    organization_id TEXT NOT NULL REFERENCES organizations (id),
    PRIMARY KEY (opportunity_id, organization_id)
);
CREATE INDEX ix_opportunity_audiences_organization ON opportunity_audiences (organization_id);
