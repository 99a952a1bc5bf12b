-- A district's OneRoster 1.2 REST service: where it is, the OAuth 2.0 client credentials (the secret encrypted with
-- ASP.NET Core Data Protection), when LaunchPath pulls from it, and how the last pull went. The watermark is the latest
-- dateLastModified applied, so the next pull asks only for what changed since.
CREATE TABLE roster_connections (
    district_id       TEXT    NOT NULL PRIMARY KEY REFERENCES organizations (id),
    base_url          TEXT    NOT NULL,
    token_url         TEXT    NOT NULL,
    client_id         TEXT    NOT NULL,
    client_secret     TEXT    NOT NULL,
    enabled           INTEGER NOT NULL DEFAULT 1,
    pull_hour_utc     INTEGER NOT NULL DEFAULT 10 CHECK (pull_hour_utc BETWEEN 0 AND 23),
    watermark         TEXT    NULL,
    next_pull_at      TEXT    NULL,
    last_pull_at      TEXT    NULL,
    last_import_id    TEXT    NULL,
    version           INTEGER NOT NULL DEFAULT 1,
    created_at        TEXT    NOT NULL,
    updated_at        TEXT    NOT NULL
);
CREATE INDEX ix_roster_connections_due ON roster_connections (enabled, next_pull_at);
