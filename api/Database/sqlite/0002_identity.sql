-- Accounts, per-organization roles, and API keys for integrations.
CREATE TABLE users (
    id                TEXT    NOT NULL PRIMARY KEY,
    email             TEXT    NOT NULL,
    email_normalized  TEXT    NOT NULL,
    display_name      TEXT    NOT NULL,
    password_hash     TEXT    NULL,
    external_subject  TEXT    NULL,
    is_platform_admin INTEGER NOT NULL DEFAULT 0,
    disabled          INTEGER NOT NULL DEFAULT 0,
    version           INTEGER NOT NULL DEFAULT 1,
    created_at        TEXT    NOT NULL,
    updated_at        TEXT    NOT NULL
);
CREATE UNIQUE INDEX ux_users_email ON users (email_normalized);
CREATE UNIQUE INDEX ux_users_external_subject ON users (external_subject) WHERE external_subject IS NOT NULL;

CREATE TABLE memberships (
    id              TEXT NOT NULL PRIMARY KEY,
    user_id         TEXT NOT NULL REFERENCES users (id),
    organization_id TEXT NOT NULL REFERENCES organizations (id),
    role            TEXT NOT NULL,
    created_at      TEXT NOT NULL
);
CREATE UNIQUE INDEX ux_memberships ON memberships (user_id, organization_id, role);
CREATE INDEX ix_memberships_organization ON memberships (organization_id);

CREATE TABLE api_keys (
    id                 TEXT NOT NULL PRIMARY KEY,
    organization_id    TEXT NOT NULL REFERENCES organizations (id),
    name               TEXT NOT NULL,
    prefix             TEXT NOT NULL,
    secret_hash        TEXT NOT NULL,
    permissions        TEXT NOT NULL,
    created_by_user_id TEXT NOT NULL REFERENCES users (id),
    created_at         TEXT NOT NULL,
    revoked_at         TEXT NULL,
    last_used_at       TEXT NULL
);
CREATE UNIQUE INDEX ux_api_keys_prefix ON api_keys (prefix);
CREATE INDEX ix_api_keys_organization ON api_keys (organization_id);
