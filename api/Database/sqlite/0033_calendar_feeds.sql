-- Each person's calendar feed, by a secret address (what calendar apps subscribe to); only the secret's hash is kept,
-- and replacing it stops the old address at once.
CREATE TABLE calendar_feeds (
    user_id    TEXT NOT NULL PRIMARY KEY REFERENCES users (id),
    token_hash TEXT NOT NULL,
    created_at TEXT NOT NULL
);
CREATE UNIQUE INDEX ux_calendar_feeds_token ON calendar_feeds (token_hash);
