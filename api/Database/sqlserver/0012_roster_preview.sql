-- Roster imports can be previewed, and a bulk import that would deactivate much of a district waits for a district
-- admin's confirmation: two more statuses, the preview kept beside the payload, and who confirmed and when. Imports may
-- also come from a pull of the district SIS's OneRoster REST service (source 'rest', with what to pull).
DROP INDEX ix_roster_imports_status ON roster_imports;
ALTER TABLE roster_imports DROP CONSTRAINT ck_roster_imports_status;
ALTER TABLE roster_imports ALTER COLUMN status NVARCHAR(32) NOT NULL;
ALTER TABLE roster_imports DROP CONSTRAINT ck_roster_imports_source;
ALTER TABLE roster_imports ADD CONSTRAINT ck_roster_imports_source CHECK (source IN ('csv', 'json', 'rest'));
ALTER TABLE roster_imports ADD CONSTRAINT ck_roster_imports_status
    CHECK (status IN ('queued', 'running', 'succeeded', 'failed', 'previewed', 'needsConfirmation'));
CREATE INDEX ix_roster_imports_status ON roster_imports (status);
ALTER TABLE roster_imports ADD
    preview_only         BIT              NOT NULL CONSTRAINT df_roster_imports_preview_only DEFAULT 0,
    confirmed            BIT              NOT NULL CONSTRAINT df_roster_imports_confirmed DEFAULT 0,
    confirmed_by_user_id UNIQUEIDENTIFIER NULL CONSTRAINT fk_roster_imports_confirmed_by REFERENCES users (id),
    confirmed_at         DATETIME2(7)     NULL,
    changes              NVARCHAR(MAX)    NULL,
    notes                NVARCHAR(MAX)    NULL,
    oneroster_version    NVARCHAR(8)      NULL,
    pull_spec            NVARCHAR(400)    NULL;
