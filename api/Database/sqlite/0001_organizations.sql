-- Regions, districts, schools (OneRoster orgs) and employers in one tree.
-- region_id / district_id are denormalised from the parent chain so that every tenant filter is one indexed comparison.
CREATE TABLE organizations (
    id                  TEXT    NOT NULL PRIMARY KEY,
    type                TEXT    NOT NULL CHECK (type IN ('region', 'district', 'school', 'employer')),
    name                TEXT    NOT NULL,
    parent_id           TEXT    NULL REFERENCES organizations (id),
    region_id           TEXT    NOT NULL,
    district_id         TEXT    NULL,
    scope_key           TEXT    NOT NULL,
    sourced_id          TEXT    NULL,
    identifier          TEXT    NULL,
    address_line1       TEXT    NULL,
    address_line2       TEXT    NULL,
    address_city        TEXT    NULL,
    address_state       TEXT    NULL,
    address_postal_code TEXT    NULL,
    address_country     TEXT    NULL,
    industry            TEXT    NULL,
    career_cluster      TEXT    NULL,
    version             INTEGER NOT NULL DEFAULT 1,
    created_at          TEXT    NOT NULL,
    updated_at          TEXT    NOT NULL
);

CREATE UNIQUE INDEX ux_organizations_scope_sourced_id ON organizations (scope_key, sourced_id) WHERE sourced_id IS NOT NULL;
CREATE INDEX ix_organizations_parent ON organizations (parent_id);
CREATE INDEX ix_organizations_region ON organizations (region_id, type);
CREATE INDEX ix_organizations_district ON organizations (district_id);
