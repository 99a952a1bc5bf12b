-- Employer partnerships: employers that apply through the public form wait for review (staff-created ones are approved);
-- worksites with a safety checklist; documents with expiry (the file kept in the database, every staff read audited);
-- employer–school agreements (MOUs) signed by both sides with the terms fixed at drawing up; supervisor clearances
-- (result and dates only); and what a region requires of its partners.
ALTER TABLE organizations ADD partner_status NVARCHAR(20) NOT NULL CONSTRAINT df_organizations_partner_status DEFAULT 'approved'
    CONSTRAINT ck_organizations_partner_status CHECK (partner_status IN ('pending', 'changesRequested', 'approved', 'declined'));
ALTER TABLE organizations ADD partner_profile NVARCHAR(MAX) NULL;
ALTER TABLE organizations ADD partner_note NVARCHAR(1000) NULL;
ALTER TABLE organizations ADD partner_applied_at DATETIME2(7) NULL;
ALTER TABLE organizations ADD partner_reviewed_at DATETIME2(7) NULL;
ALTER TABLE organizations ADD partner_reviewed_by UNIQUEIDENTIFIER NULL REFERENCES users (id);

CREATE TABLE partnership_requirements (
    region_id  UNIQUEIDENTIFIER NOT NULL PRIMARY KEY REFERENCES organizations (id),
    settings   NVARCHAR(MAX)    NOT NULL,
    version    INT              NOT NULL,
    updated_at DATETIME2(7)     NOT NULL
);

CREATE TABLE worksites (
    id                     UNIQUEIDENTIFIER NOT NULL PRIMARY KEY,
    employer_id            UNIQUEIDENTIFIER NOT NULL REFERENCES organizations (id),
    region_id              UNIQUEIDENTIFIER NOT NULL REFERENCES organizations (id),
    name                   NVARCHAR(200)    NOT NULL,
    address_line1          NVARCHAR(200)    NULL,
    address_line2          NVARCHAR(200)    NULL,
    address_city           NVARCHAR(100)    NULL,
    address_state          NVARCHAR(100)    NULL,
    address_postal_code    NVARCHAR(20)     NULL,
    address_country        NVARCHAR(2)      NULL,
    latitude               FLOAT            NULL,
    longitude              FLOAT            NULL,
    remote                 BIT              NOT NULL CONSTRAINT df_worksites_remote DEFAULT 0,
    accessibility          NVARCHAR(1000)   NULL,
    transit                NVARCHAR(1000)   NULL,
    checklist_status       NVARCHAR(20)     NOT NULL CONSTRAINT df_worksites_checklist_status DEFAULT 'none'
        CHECK (checklist_status IN ('none', 'submitted', 'changesRequested', 'approved')),
    checklist              NVARCHAR(MAX)    NULL,
    checklist_version      INT              NULL,
    checklist_submitted_at DATETIME2(7)     NULL,
    checklist_reviewed_at  DATETIME2(7)     NULL,
    checklist_reviewed_by  UNIQUEIDENTIFIER NULL REFERENCES users (id),
    checklist_note         NVARCHAR(1000)   NULL,
    version                INT              NOT NULL CONSTRAINT df_worksites_version DEFAULT 1,
    created_at             DATETIME2(7)     NOT NULL,
    updated_at             DATETIME2(7)     NOT NULL
);
CREATE INDEX ix_worksites_employer ON worksites (employer_id);

ALTER TABLE opportunities ADD worksite_id UNIQUEIDENTIFIER NULL REFERENCES worksites (id);

CREATE TABLE employer_documents (
    id               UNIQUEIDENTIFIER NOT NULL PRIMARY KEY,
    employer_id      UNIQUEIDENTIFIER NOT NULL REFERENCES organizations (id),
    region_id        UNIQUEIDENTIFIER NOT NULL REFERENCES organizations (id),
    kind             NVARCHAR(40)     NOT NULL,
    insurer          NVARCHAR(200)    NULL,
    policy_number    NVARCHAR(100)    NULL,
    coverage_cents   BIGINT           NULL,
    aggregate_cents  BIGINT           NULL,
    effective_on     DATE             NOT NULL,
    expires_on       DATE             NOT NULL,
    file_name        NVARCHAR(200)    NOT NULL,
    content_type     NVARCHAR(40)     NOT NULL,
    size_bytes       BIGINT           NOT NULL,
    sha256           NVARCHAR(64)     NOT NULL,
    content          VARBINARY(MAX)   NOT NULL,
    status           NVARCHAR(16)     NOT NULL CHECK (status IN ('submitted', 'approved', 'rejected')),
    review_note      NVARCHAR(1000)   NULL,
    reviewed_at      DATETIME2(7)     NULL,
    reviewed_by      UNIQUEIDENTIFIER NULL REFERENCES users (id),
    expiry_warned_at DATETIME2(7)     NULL,
    uploaded_by      UNIQUEIDENTIFIER NOT NULL REFERENCES users (id),
    created_at       DATETIME2(7)     NOT NULL
);
CREATE INDEX ix_employer_documents_employer ON employer_documents (employer_id, kind);
CREATE INDEX ix_employer_documents_to_warn ON employer_documents (expires_on) WHERE status = 'approved' AND expiry_warned_at IS NULL;

-- Every time staff open a document's file.
CREATE TABLE document_reads (
    id          UNIQUEIDENTIFIER NOT NULL PRIMARY KEY,
    document_id UNIQUEIDENTIFIER NOT NULL REFERENCES employer_documents (id),
    user_id     UNIQUEIDENTIFIER NOT NULL REFERENCES users (id),
    at          DATETIME2(7)     NOT NULL
);
CREATE INDEX ix_document_reads_document ON document_reads (document_id, at);

CREATE TABLE partnership_agreements (
    id                    UNIQUEIDENTIFIER NOT NULL PRIMARY KEY,
    employer_id           UNIQUEIDENTIFIER NOT NULL REFERENCES organizations (id),
    region_id             UNIQUEIDENTIFIER NOT NULL REFERENCES organizations (id),
    district_id           UNIQUEIDENTIFIER NULL REFERENCES organizations (id),
    template_version      INT              NOT NULL,
    terms                 NVARCHAR(MAX)    NOT NULL,
    starts_on             DATE             NOT NULL,
    ends_on               DATE             NOT NULL,
    employer_signer_name  NVARCHAR(200)    NULL,
    employer_signer_title NVARCHAR(200)    NULL,
    employer_signed_at    DATETIME2(7)     NULL,
    employer_signed_by    UNIQUEIDENTIFIER NULL REFERENCES users (id),
    school_signer_name    NVARCHAR(200)    NULL,
    school_signer_title   NVARCHAR(200)    NULL,
    school_signed_at      DATETIME2(7)     NULL,
    school_signed_by      UNIQUEIDENTIFIER NULL REFERENCES users (id),
    renews_id             UNIQUEIDENTIFIER NULL REFERENCES partnership_agreements (id),
    created_by            UNIQUEIDENTIFIER NOT NULL REFERENCES users (id),
    created_at            DATETIME2(7)     NOT NULL,
    CONSTRAINT ck_partnership_agreements_term CHECK (ends_on >= starts_on)
);
CREATE INDEX ix_partnership_agreements_employer ON partnership_agreements (employer_id, district_id);
-- One renewal per agreement.
CREATE UNIQUE INDEX ux_partnership_agreements_renews ON partnership_agreements (renews_id) WHERE renews_id IS NOT NULL;

CREATE TABLE supervisor_clearances (
    id               UNIQUEIDENTIFIER NOT NULL PRIMARY KEY,
    employer_id      UNIQUEIDENTIFIER NOT NULL REFERENCES organizations (id),
    region_id        UNIQUEIDENTIFIER NOT NULL REFERENCES organizations (id),
    email_normalized NVARCHAR(320)    NOT NULL,
    email            NVARCHAR(320)    NOT NULL,
    name             NVARCHAR(200)    NOT NULL,
    kind             NVARCHAR(20)     NOT NULL CHECK (kind IN ('backgroundCheck', 'safetyAttestation', 'districtClearance')),
    district_id      UNIQUEIDENTIFIER NULL REFERENCES organizations (id),
    cleared          BIT              NOT NULL,
    reference        NVARCHAR(200)    NULL,
    checked_on       DATE             NOT NULL,
    expires_on       DATE             NULL,
    recorded_by      UNIQUEIDENTIFIER NOT NULL REFERENCES users (id),
    created_at       DATETIME2(7)     NOT NULL
);
CREATE INDEX ix_supervisor_clearances_employer ON supervisor_clearances (employer_id, email_normalized);
