-- How each address wants what it may stop (a placement's steps, hours decisions, round results, applicants, curation
-- decisions, staff's weekly digest): each message as it happens, or one email a day listing them; and in which
-- language (the person's own choice wins over the record's). Keyed by address, as opt-outs are: guardians and
-- supervisors without an account choose from the link in any such email.
CREATE TABLE message_preferences (
    recipient_normalized TEXT NOT NULL PRIMARY KEY,
    delivery             TEXT NOT NULL CHECK (delivery IN ('immediate', 'daily')),
    language             TEXT NULL CHECK (language IN ('en', 'es')),
    updated_at           TEXT NOT NULL
);

-- Messages held for an address's daily digest, rendered when they happened; the digest that carried each is noted.
CREATE TABLE digest_items (
    id                   TEXT NOT NULL PRIMARY KEY,
    recipient_normalized TEXT NOT NULL,
    recipient_address    TEXT NOT NULL,
    recipient_name       TEXT NULL,
    recipient_person_id  TEXT NULL REFERENCES people (id),
    placement_id         TEXT NULL REFERENCES placements (id),
    template             TEXT NOT NULL,
    language             TEXT NOT NULL,
    subject              TEXT NOT NULL,
    text_body            TEXT NOT NULL,
    created_at           TEXT NOT NULL,
    digest_message_id    TEXT NULL REFERENCES messages (id)
);
CREATE INDEX ix_digest_items_waiting ON digest_items (recipient_normalized, created_at) WHERE digest_message_id IS NULL;
CREATE INDEX ix_digest_items_placement ON digest_items (placement_id) WHERE placement_id IS NOT NULL;
