-- Opportunities posted by employers (or a convener on their behalf), curated before students see them.
CREATE TABLE opportunities (
    id                  UNIQUEIDENTIFIER NOT NULL CONSTRAINT pk_opportunities PRIMARY KEY,
    employer_id         UNIQUEIDENTIFIER NOT NULL CONSTRAINT fk_opportunities_employer REFERENCES organizations (id),
    region_id           UNIQUEIDENTIFIER NOT NULL CONSTRAINT fk_opportunities_region REFERENCES organizations (id),
    title               NVARCHAR(200)    NOT NULL,
    description         NVARCHAR(4000)   NOT NULL,
    duties              NVARCHAR(4000)   NULL,
    type                NVARCHAR(40)     NOT NULL,
    stage               NVARCHAR(16)     NOT NULL CONSTRAINT ck_opportunities_stage CHECK (stage IN ('awareness', 'exploration', 'preparation', 'training')),
    career_cluster      NVARCHAR(64)     NOT NULL,
    pathway             NVARCHAR(200)    NULL,
    skills              NVARCHAR(MAX)    NOT NULL,
    modality            NVARCHAR(16)     NOT NULL CONSTRAINT ck_opportunities_modality CHECK (modality IN ('inPerson', 'virtual', 'hybrid')),
    site_name           NVARCHAR(200)    NULL,
    address_line1       NVARCHAR(200)    NULL,
    address_line2       NVARCHAR(200)    NULL,
    address_city        NVARCHAR(100)    NULL,
    address_state       NVARCHAR(100)    NULL,
    address_postal_code NVARCHAR(20)     NULL,
    address_country     NCHAR(2)         NULL,
    latitude            FLOAT            NULL,
    longitude           FLOAT            NULL,
    seats               INT              NOT NULL CONSTRAINT ck_opportunities_seats CHECK (seats > 0),
    start_date          DATE             NULL,
    end_date            DATE             NULL,
    schedule            NVARCHAR(MAX)    NOT NULL,
    expected_hours      INT              NULL,
    compensation        NVARCHAR(16)     NOT NULL CONSTRAINT ck_opportunities_compensation CHECK (compensation IN ('paid', 'stipend', 'unpaid')),
    hourly_wage_cents   INT              NULL,
    stipend_cents       INT              NULL,
    credit_offered      BIT              NOT NULL CONSTRAINT df_opportunities_credit DEFAULT 0,
    credit_description  NVARCHAR(400)    NULL,
    min_grade           INT              NULL,
    min_age             INT              NULL,
    prerequisite_stage  NVARCHAR(16)     NULL,
    required_forms      NVARCHAR(MAX)    NOT NULL,
    hazardous           BIT              NOT NULL CONSTRAINT df_opportunities_hazardous DEFAULT 0,
    audience            NVARCHAR(16)     NOT NULL CONSTRAINT ck_opportunities_audience CHECK (audience IN ('region', 'district', 'school')),
    status              NVARCHAR(16)     NOT NULL CONSTRAINT ck_opportunities_status CHECK (status IN ('draft', 'submitted', 'published', 'rejected', 'closed')),
    rejection_reason    NVARCHAR(1000)   NULL,
    submitted_at        DATETIME2(7)     NULL,
    decided_at          DATETIME2(7)     NULL,
    decided_by_user_id  UNIQUEIDENTIFIER NULL CONSTRAINT fk_opportunities_decided_by REFERENCES users (id),
    created_by_user_id  UNIQUEIDENTIFIER NULL CONSTRAINT fk_opportunities_created_by REFERENCES users (id),
    version             INT              NOT NULL CONSTRAINT df_opportunities_version DEFAULT 1,
    created_at          DATETIME2(7)     NOT NULL,
    updated_at          DATETIME2(7)     NOT NULL
);
CREATE INDEX ix_opportunities_region_status ON opportunities (region_id, status);
CREATE INDEX ix_opportunities_employer ON opportunities (employer_id);
CREATE INDEX ix_opportunities_cluster ON opportunities (career_cluster, stage);

CREATE TABLE opportunity_audiences (
    opportunity_id  UNIQUEIDENTIFIER NOT NULL CONSTRAINT fk_opportunity_audiences_opportunity REFERENCES opportunities (id),
    organization_id UNIQUEIDENTIFIER NOT NULL CONSTRAINT fk_opportunity_audiences_organization REFERENCES organizations (id),
    CONSTRAINT pk_opportunity_audiences PRIMARY KEY (opportunity_id, organization_id)
);
CREATE INDEX ix_opportunity_audiences_organization ON opportunity_audiences (organization_id);
