-- People may stop the messages LaunchPath sends them that a placement does not require (a placement's steps, hours
-- decisions, round results, an employer's applicants and curation decisions), by the link in each or with one click
-- in their mail program (List-Unsubscribe, RFC 8058). What a placement requires (consent, acknowledgement and
-- approval links, account links, warnings to staff) always goes.
CREATE TABLE message_opt_outs (
    recipient_normalized TEXT NOT NULL PRIMARY KEY,
    opted_out_at         TEXT NOT NULL
);

ALTER TABLE messages ADD COLUMN unsubscribe_url TEXT NULL;
