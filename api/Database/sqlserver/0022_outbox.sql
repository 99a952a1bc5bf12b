-- Messages to people (email first): written to this outbox in the same transaction as the change that causes them,
-- then sent by any node's sender, which claims a row with a lease (so two senders never send one at the same time)
-- and keeps its Message-ID across retries (so a message sent twice after a crash can be recognised as one).
CREATE TABLE messages (
    id                  UNIQUEIDENTIFIER NOT NULL PRIMARY KEY,
    message_id          NVARCHAR(200)    NOT NULL,
    channel             NVARCHAR(20)     NOT NULL CHECK (channel IN ('email')),
    template            NVARCHAR(100)    NOT NULL,
    language            NVARCHAR(10)     NOT NULL CHECK (language IN ('en', 'es')),
    recipient_address   NVARCHAR(320)    NOT NULL,
    recipient_name      NVARCHAR(300)    NULL,
    recipient_person_id UNIQUEIDENTIFIER NULL REFERENCES people (id),
    placement_id        UNIQUEIDENTIFIER NULL REFERENCES placements (id),
    subject             NVARCHAR(400)    NOT NULL,
    text_body           NVARCHAR(MAX)    NULL,
    html_body           NVARCHAR(MAX)    NULL,
    holds_secret        BIT              NOT NULL DEFAULT 0,
    status              NVARCHAR(20)     NOT NULL CHECK (status IN ('pending', 'sending', 'sent', 'failed')),
    attempts            INT              NOT NULL DEFAULT 0,
    next_attempt_at     DATETIME2        NOT NULL,
    lease_owner         NVARCHAR(200)    NULL,
    lease_until         DATETIME2        NULL,
    last_error          NVARCHAR(2000)   NULL,
    created_by          UNIQUEIDENTIFIER NULL REFERENCES users (id),
    created_at          DATETIME2        NOT NULL,
    sent_at             DATETIME2        NULL
);
CREATE UNIQUE INDEX ux_messages_message_id ON messages (message_id);
CREATE INDEX ix_messages_due ON messages (status, next_attempt_at);
CREATE INDEX ix_messages_placement ON messages (placement_id) WHERE placement_id IS NOT NULL;
CREATE INDEX ix_messages_person ON messages (recipient_person_id) WHERE recipient_person_id IS NOT NULL;

-- Each person's preferred language for what LaunchPath sends them (NULL: the region's default, English).
ALTER TABLE people ADD preferred_language NVARCHAR(10) NULL CHECK (preferred_language IN ('en', 'es'));

-- A region's time zone: dates and times in messages are given in it.
ALTER TABLE organizations ADD time_zone NVARCHAR(64) NULL;
