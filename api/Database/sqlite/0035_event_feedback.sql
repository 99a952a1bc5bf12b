-- After an event: a student who attended rates it (1–5) and may write a short reflection; the host rates the session.
ALTER TABLE event_registrations ADD COLUMN rating INTEGER NULL CHECK (rating BETWEEN 1 AND 5);
ALTER TABLE event_registrations ADD COLUMN reflection TEXT NULL;
ALTER TABLE event_registrations ADD COLUMN feedback_at TEXT NULL;
ALTER TABLE event_sessions ADD COLUMN host_rating INTEGER NULL CHECK (host_rating BETWEEN 1 AND 5);
ALTER TABLE event_sessions ADD COLUMN host_note TEXT NULL;
ALTER TABLE event_sessions ADD COLUMN host_feedback_at TEXT NULL;
