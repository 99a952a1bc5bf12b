-- How each address wants what it may stop (a placement's steps, hours decisions, round results, applicants, curation
-- decisions, staff's weekly digest): each message as it happens, or one email a day listing them; and in which
-- language (the person's own choice wins over the record's). Keyed by address, as opt-outs are: guardians and
-- supervisors without an account choose from the link in any such email.
CREATE TABLE message_preferences (
    recipient_normalized NVARCHAR(320) NOT NULL PRIMARY KEY,
    delivery             NVARCHAR(20)  NOT NULL CONSTRAINT ck_message_preferences_delivery CHECK (delivery IN ('immediate', 'daily')),
    language             NVARCHAR(10)  NULL CONSTRAINT ck_message_preferences_language CHECK (language IN ('en', 'es')),
    updated_at           DATETIME2(7)  NOT NULL
);

-- Messages held for an address's daily digest, rendered when they happened; the digest that carried each is noted.
CREATE TABLE digest_items (
    id                   UNIQUEIDENTIFIER NOT NULL PRIMARY KEY,
    recipient_normalized NVARCHAR(320)    NOT NULL,
    recipient_address    NVARCHAR(320)    NOT NULL,
    recipient_name       NVARCHAR(300)    NULL,
    recipient_person_id  UNIQUEIDENTIFIER NULL REFERENCES people (id),
    placement_id         UNIQUEIDENTIFIER NULL REFERENCES placements (id),
    template             NVARCHAR(100)    NOT NULL,
    language             NVARCHAR(10)     NOT NULL,
    subject              NVARCHAR(400)    NOT NULL,
    text_body            NVARCHAR(MAX)    NOT NULL,
    created_at           DATETIME2(7)     NOT NULL,
    digest_message_id    UNIQUEIDENTIFIER NULL REFERENCES messages (id)
);
CREATE INDEX ix_digest_items_waiting ON digest_items (recipient_normalized, created_at) WHERE digest_message_id IS NULL;
CREATE INDEX ix_digest_items_placement ON digest_items (placement_id) WHERE placement_id IS NOT NULL;
