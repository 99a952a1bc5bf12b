-- Each node keeps signed-in callers (user, memberships) and API keys in memory. A change to what a caller may do is
-- written here in the same transaction; every node reads the new rows each second and forgets those callers.
CREATE TABLE access_changes (
    seq         BIGINT           NOT NULL IDENTITY(1, 1) CONSTRAINT pk_access_changes PRIMARY KEY,
    kind        NVARCHAR(20)     NOT NULL CONSTRAINT ck_access_changes_kind CHECK (kind IN ('user', 'apiKey', 'organization')),
    subject_id  UNIQUEIDENTIFIER NOT NULL,
    changed_at  DATETIME2(7)     NOT NULL
);
CREATE INDEX ix_access_changes_changed ON access_changes (changed_at);
