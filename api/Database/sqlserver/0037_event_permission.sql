-- A session that leaves campus needs a guardian's permission for each student under 18: asked by email with a one-time
-- link per guardian (only the link's hash is kept), or recorded by school staff from a paper form.
ALTER TABLE event_sessions ADD off_campus BIT NOT NULL CONSTRAINT df_event_sessions_off_campus DEFAULT 0;
ALTER TABLE event_registrations ADD permission NVARCHAR(16) NULL CONSTRAINT ck_event_registrations_permission CHECK (permission IN ('pending', 'granted', 'refused')),
    permission_by NVARCHAR(200) NULL, permission_at DATETIME2(7) NULL;

CREATE TABLE event_permission_links (
    token_hash   NVARCHAR(64)     NOT NULL PRIMARY KEY,
    session_id   UNIQUEIDENTIFIER NOT NULL REFERENCES event_sessions (id),
    student_id   UNIQUEIDENTIFIER NOT NULL REFERENCES people (id),
    guardian_id  UNIQUEIDENTIFIER NOT NULL REFERENCES people (id),
    expires_at   DATETIME2(7)     NOT NULL,
    used_at      DATETIME2(7)     NULL,
    created_at   DATETIME2(7)     NOT NULL
);
CREATE INDEX ix_event_permission_links_student ON event_permission_links (student_id);
