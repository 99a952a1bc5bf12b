-- Messages to people (email first): written to this outbox in the same transaction as the change that causes them,
-- then sent by any node's sender, which claims a row with a lease (so two senders never send one at the same time)
-- and keeps its Message-ID across retries (so a message sent twice after a crash can be recognised as one).
CREATE TABLE messages (
    id                  TEXT    NOT NULL PRIMARY KEY,
    message_id          TEXT    NOT NULL,
    channel             TEXT    NOT NULL CHECK (channel IN ('email')),
    template            TEXT    NOT NULL,
    language            TEXT    NOT NULL CHECK (language IN ('en', 'es')),
    recipient_address   TEXT    NOT NULL,
    recipient_name      TEXT    NULL,
    recipient_person_id TEXT    NULL REFERENCES people (id),
    placement_id        TEXT    NULL REFERENCES placements (id),
    subject             TEXT    NOT NULL,
    text_body           TEXT    NULL,
    html_body           TEXT    NULL,
    holds_secret        INTEGER NOT NULL DEFAULT 0,
    status              TEXT    NOT NULL CHECK (status IN ('pending', 'sending', 'sent', 'failed')),
    attempts            INTEGER NOT NULL DEFAULT 0,
    next_attempt_at     TEXT    NOT NULL,
    lease_owner         TEXT    NULL,
    lease_until         TEXT    NULL,
    last_error          TEXT    NULL,
    created_by          TEXT    NULL REFERENCES users (id),
    created_at          TEXT    NOT NULL,
    sent_at             TEXT    NULL
);
CREATE UNIQUE INDEX ux_messages_message_id ON messages (message_id);
CREATE INDEX ix_messages_due ON messages (status, next_attempt_at);
CREATE INDEX ix_messages_placement ON messages (placement_id) WHERE placement_id IS NOT NULL;
CREATE INDEX ix_messages_person ON messages (recipient_person_id) WHERE recipient_person_id IS NOT NULL;

-- Each person's preferred language for what LaunchPath sends them (NULL: the region's default, English).
ALTER TABLE people ADD COLUMN preferred_language TEXT NULL CHECK (preferred_language IN ('en', 'es'));

-- A region's time zone: dates and times in messages are given in it.
ALTER TABLE organizations ADD COLUMN time_zone TEXT NULL;
