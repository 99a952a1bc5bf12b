-- Every message to a person with an account is also in their notification centre: found by the normalized address
-- it went to, marked read there.
ALTER TABLE messages ADD recipient_normalized NVARCHAR(320) NULL, read_at DATETIME2(7) NULL;
GO
UPDATE messages SET recipient_normalized = UPPER(LTRIM(RTRIM(recipient_address)));
CREATE INDEX ix_messages_recipient ON messages (recipient_normalized, created_at);
