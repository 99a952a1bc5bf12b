-- Regions, districts, schools (OneRoster orgs) and employers in one tree.
-- region_id / district_id are denormalised from the parent chain so that every tenant filter is one indexed comparison.
CREATE TABLE organizations (
    id                  UNIQUEIDENTIFIER NOT NULL CONSTRAINT pk_organizations PRIMARY KEY,
    type                NVARCHAR(16)     NOT NULL CONSTRAINT ck_organizations_type CHECK (type IN ('region', 'district', 'school', 'employer')),
    name                NVARCHAR(200)    NOT NULL,
    parent_id           UNIQUEIDENTIFIER NULL CONSTRAINT fk_organizations_parent REFERENCES organizations (id),
    region_id           UNIQUEIDENTIFIER NOT NULL,
    district_id         UNIQUEIDENTIFIER NULL,
    scope_key           NVARCHAR(64)     NOT NULL,
    sourced_id          NVARCHAR(255)    NULL,
    identifier          NVARCHAR(64)     NULL,
    address_line1       NVARCHAR(200)    NULL,
    address_line2       NVARCHAR(200)    NULL,
    address_city        NVARCHAR(100)    NULL,
    address_state       NVARCHAR(100)    NULL,
    address_postal_code NVARCHAR(20)     NULL,
    address_country     NCHAR(2)         NULL,
    industry            NVARCHAR(200)    NULL,
    career_cluster      NVARCHAR(64)     NULL,
    version             INT              NOT NULL CONSTRAINT df_organizations_version DEFAULT 1,
    created_at          DATETIME2(7)     NOT NULL,
    updated_at          DATETIME2(7)     NOT NULL
);

CREATE UNIQUE INDEX ux_organizations_scope_sourced_id ON organizations (scope_key, sourced_id) WHERE sourced_id IS NOT NULL;
CREATE INDEX ix_organizations_parent ON organizations (parent_id);
CREATE INDEX ix_organizations_region ON organizations (region_id, type);
CREATE INDEX ix_organizations_district ON organizations (district_id);
