-- Accounts, per-organization roles, and API keys for integrations.
CREATE TABLE users (
    id                UNIQUEIDENTIFIER NOT NULL CONSTRAINT pk_users PRIMARY KEY,
    email             NVARCHAR(320)    NOT NULL,
    email_normalized  NVARCHAR(320)    NOT NULL,
    display_name      NVARCHAR(200)    NOT NULL,
    password_hash     NVARCHAR(400)    NULL,
    external_subject  NVARCHAR(400)    NULL,
    is_platform_admin BIT              NOT NULL CONSTRAINT df_users_platform_admin DEFAULT 0,
    disabled          BIT              NOT NULL CONSTRAINT df_users_disabled DEFAULT 0,
    version           INT              NOT NULL CONSTRAINT df_users_version DEFAULT 1,
    created_at        DATETIME2(7)     NOT NULL,
    updated_at        DATETIME2(7)     NOT NULL
);
CREATE UNIQUE INDEX ux_users_email ON users (email_normalized);
CREATE UNIQUE INDEX ux_users_external_subject ON users (external_subject) WHERE external_subject IS NOT NULL;

CREATE TABLE memberships (
    id              UNIQUEIDENTIFIER NOT NULL CONSTRAINT pk_memberships PRIMARY KEY,
    user_id         UNIQUEIDENTIFIER NOT NULL CONSTRAINT fk_memberships_user REFERENCES users (id),
    organization_id UNIQUEIDENTIFIER NOT NULL CONSTRAINT fk_memberships_organization REFERENCES organizations (id),
    role            NVARCHAR(32)     NOT NULL,
    created_at      DATETIME2(7)     NOT NULL
);
CREATE UNIQUE INDEX ux_memberships ON memberships (user_id, organization_id, role);
CREATE INDEX ix_memberships_organization ON memberships (organization_id);

CREATE TABLE api_keys (
    id                 UNIQUEIDENTIFIER NOT NULL CONSTRAINT pk_api_keys PRIMARY KEY,
    organization_id    UNIQUEIDENTIFIER NOT NULL CONSTRAINT fk_api_keys_organization REFERENCES organizations (id),
    name               NVARCHAR(200)    NOT NULL,
    prefix             NVARCHAR(32)     NOT NULL,
    secret_hash        NVARCHAR(128)    NOT NULL,
    permissions        NVARCHAR(1000)   NOT NULL,
    created_by_user_id UNIQUEIDENTIFIER NOT NULL CONSTRAINT fk_api_keys_user REFERENCES users (id),
    created_at         DATETIME2(7)     NOT NULL,
    revoked_at         DATETIME2(7)     NULL,
    last_used_at       DATETIME2(7)     NULL
);
CREATE UNIQUE INDEX ux_api_keys_prefix ON api_keys (prefix);
CREATE INDEX ix_api_keys_organization ON api_keys (organization_id);
