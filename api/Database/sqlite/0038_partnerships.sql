-- Employer partnerships: employers that apply through the public form wait for review (staff-created ones are approved);
-- worksites with a safety checklist; documents with expiry (the file kept in the database, every staff read audited);
-- employer–school agreements (MOUs) signed by both sides with the terms fixed at drawing up; supervisor clearances
-- (result and dates only); and what a region requires of its partners.
ALTER TABLE organizations ADD COLUMN partner_status TEXT NOT NULL DEFAULT 'approved'
    CHECK (partner_status IN ('pending', 'changesRequested', 'approved', 'declined'));
ALTER TABLE organizations ADD COLUMN partner_profile TEXT NULL;
ALTER TABLE organizations ADD COLUMN partner_note TEXT NULL;
ALTER TABLE organizations ADD COLUMN partner_applied_at TEXT NULL;
ALTER TABLE organizations ADD COLUMN partner_reviewed_at TEXT NULL;
ALTER TABLE organizations ADD COLUMN partner_reviewed_by TEXT NULL REFERENCES users (id);

CREATE TABLE partnership_requirements (
    region_id  TEXT    NOT NULL PRIMARY KEY REFERENCES organizations (id),
    settings   TEXT    NOT NULL,
    version    INTEGER NOT NULL,
    updated_at TEXT    NOT NULL
);

CREATE TABLE worksites (
    id                    TEXT    NOT NULL PRIMARY KEY,
    employer_id           TEXT    NOT NULL REFERENCES organizations (id),
    region_id             TEXT    NOT NULL REFERENCES organizations (id),
    name                  TEXT    NOT NULL,
    address_line1         TEXT    NULL,
    address_line2         TEXT    NULL,
    address_city          TEXT    NULL,
    address_state         TEXT    NULL,
    address_postal_code   TEXT    NULL,
    address_country       TEXT    NULL,
    latitude              REAL    NULL,
    longitude             REAL    NULL,
    remote                INTEGER NOT NULL DEFAULT 0,
    accessibility         TEXT    NULL,
    transit               TEXT    NULL,
    checklist_status      TEXT    NOT NULL DEFAULT 'none' CHECK (checklist_status IN ('none', 'submitted', 'changesRequested', 'approved')),
    checklist             TEXT    NULL,
    checklist_version     INTEGER NULL,
    checklist_submitted_at TEXT   NULL,
    checklist_reviewed_at TEXT    NULL,
    checklist_reviewed_by TEXT    NULL REFERENCES users (id),
    checklist_note        TEXT    NULL,
    version               INTEGER NOT NULL DEFAULT 1,
    created_at            TEXT    NOT NULL,
    updated_at            TEXT    NOT NULL
);
CREATE INDEX ix_worksites_employer ON worksites (employer_id);

ALTER TABLE opportunities ADD COLUMN worksite_id TEXT NULL REFERENCES worksites (id);

CREATE TABLE employer_documents (
    id               TEXT    NOT NULL PRIMARY KEY,
    employer_id      TEXT    NOT NULL REFERENCES organizations (id),
    region_id        TEXT    NOT NULL REFERENCES organizations (id),
    kind             TEXT    NOT NULL,
    insurer          TEXT    NULL,
    policy_number    TEXT    NULL,
    coverage_cents   INTEGER NULL,
    aggregate_cents  INTEGER NULL,
    effective_on     TEXT    NOT NULL,
    expires_on       TEXT    NOT NULL,
    file_name        TEXT    NOT NULL,
    content_type     TEXT    NOT NULL,
    size_bytes       INTEGER NOT NULL,
    sha256           TEXT    NOT NULL,
    content          BLOB    NOT NULL,
    status           TEXT    NOT NULL CHECK (status IN ('submitted', 'approved', 'rejected')),
    review_note      TEXT    NULL,
    reviewed_at      TEXT    NULL,
    reviewed_by      TEXT    NULL REFERENCES users (id),
    expiry_warned_at TEXT    NULL,
    uploaded_by      TEXT    NOT NULL REFERENCES users (id),
    created_at       TEXT    NOT NULL
);
CREATE INDEX ix_employer_documents_employer ON employer_documents (employer_id, kind);
CREATE INDEX ix_employer_documents_to_warn ON employer_documents (expires_on) WHERE status = 'approved' AND expiry_warned_at IS NULL;

-- Every time staff open a document's file.
CREATE TABLE document_reads (
    id          TEXT NOT NULL PRIMARY KEY,
    document_id TEXT NOT NULL REFERENCES employer_documents (id),
    user_id     TEXT NOT NULL REFERENCES users (id),
    at          TEXT NOT NULL
);
CREATE INDEX ix_document_reads_document ON document_reads (document_id, at);

CREATE TABLE partnership_agreements (
    id                     TEXT    NOT NULL PRIMARY KEY,
    employer_id            TEXT    NOT NULL REFERENCES organizations (id),
    region_id              TEXT    NOT NULL REFERENCES organizations (id),
    district_id            TEXT    NULL REFERENCES organizations (id),
    template_version       INTEGER NOT NULL,
    terms                  TEXT    NOT NULL,
    starts_on              TEXT    NOT NULL,
    ends_on                TEXT    NOT NULL,
    employer_signer_name   TEXT    NULL,
    employer_signer_title  TEXT    NULL,
    employer_signed_at     TEXT    NULL,
    employer_signed_by     TEXT    NULL REFERENCES users (id),
    school_signer_name     TEXT    NULL,
    school_signer_title    TEXT    NULL,
    school_signed_at       TEXT    NULL,
    school_signed_by       TEXT    NULL REFERENCES users (id),
    renews_id              TEXT    NULL REFERENCES partnership_agreements (id),
    created_by             TEXT    NOT NULL REFERENCES users (id),
    created_at             TEXT    NOT NULL,
    CHECK (ends_on >= starts_on)
);
CREATE INDEX ix_partnership_agreements_employer ON partnership_agreements (employer_id, district_id);
-- One renewal per agreement.
CREATE UNIQUE INDEX ux_partnership_agreements_renews ON partnership_agreements (renews_id) WHERE renews_id IS NOT NULL;

CREATE TABLE supervisor_clearances (
    id               TEXT    NOT NULL PRIMARY KEY,
    employer_id      TEXT    NOT NULL REFERENCES organizations (id),
    region_id        TEXT    NOT NULL REFERENCES organizations (id),
    email_normalized TEXT    NOT NULL,
    email            TEXT    NOT NULL,
    name             TEXT    NOT NULL,
    kind             TEXT    NOT NULL CHECK (kind IN ('backgroundCheck', 'safetyAttestation', 'districtClearance')),
    district_id      TEXT    NULL REFERENCES organizations (id),
    cleared          INTEGER NOT NULL,
    reference        TEXT    NULL,
    checked_on       TEXT    NOT NULL,
    expires_on       TEXT    NULL,
    recorded_by      TEXT    NOT NULL REFERENCES users (id),
    created_at       TEXT    NOT NULL
);
CREATE INDEX ix_supervisor_clearances_employer ON supervisor_clearances (employer_id, email_normalized);
