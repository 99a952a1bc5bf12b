-- A district's OneRoster 1.2 REST service: where it is, the OAuth 2.0 client credentials (the secret encrypted with
-- ASP.NET Core Data Protection), when LaunchPath pulls from it, and how the last pull went. The watermark is the latest
-- dateLastModified applied, so the next pull asks only for what changed since.
CREATE TABLE roster_connections (
    district_id       UNIQUEIDENTIFIER NOT NULL CONSTRAINT pk_roster_connections PRIMARY KEY CONSTRAINT fk_roster_connections_district REFERENCES organizations (id),
    base_url          NVARCHAR(2000)   NOT NULL,
    token_url         NVARCHAR(2000)   NOT NULL,
    client_id         NVARCHAR(400)    NOT NULL,
    client_secret     NVARCHAR(MAX)    NOT NULL,
    enabled           BIT              NOT NULL CONSTRAINT df_roster_connections_enabled DEFAULT 1,
    pull_hour_utc     INT              NOT NULL CONSTRAINT df_roster_connections_hour DEFAULT 10 CONSTRAINT ck_roster_connections_hour CHECK (pull_hour_utc BETWEEN 0 AND 23),
    watermark         NVARCHAR(64)     NULL,
    next_pull_at      DATETIME2(7)     NULL,
    last_pull_at      DATETIME2(7)     NULL,
    last_import_id    UNIQUEIDENTIFIER NULL,
    version           INT              NOT NULL CONSTRAINT df_roster_connections_version DEFAULT 1,
    created_at        DATETIME2(7)     NOT NULL,
    updated_at        DATETIME2(7)     NOT NULL
);
CREATE INDEX ix_roster_connections_due ON roster_connections (enabled, next_pull_at);
