-- Every message to a person with an account is also in their notification centre: found by the normalized address
-- it went to, marked read there.
ALTER TABLE messages ADD COLUMN recipient_normalized TEXT NULL;
ALTER TABLE messages ADD COLUMN read_at TEXT NULL;
UPDATE messages SET recipient_normalized = UPPER(TRIM(recipient_address));
CREATE INDEX ix_messages_recipient ON messages (recipient_normalized, created_at);
