-- After an event: a student who attended rates it (1–5) and may write a short reflection; the host rates the session.
ALTER TABLE event_registrations ADD rating INT NULL CONSTRAINT ck_event_registrations_rating CHECK (rating BETWEEN 1 AND 5),
    reflection NVARCHAR(2000) NULL, feedback_at DATETIME2(7) NULL;
ALTER TABLE event_sessions ADD host_rating INT NULL CONSTRAINT ck_event_sessions_host_rating CHECK (host_rating BETWEEN 1 AND 5),
    host_note NVARCHAR(2000) NULL, host_feedback_at DATETIME2(7) NULL;
