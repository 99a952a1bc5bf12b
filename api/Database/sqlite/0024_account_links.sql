-- One-time links for accounts: an invitation to set a first password, and a password reset. Only a hash of the token
-- is kept. A password set through one signs out every session issued before it (tokens_valid_after).
CREATE TABLE account_links (
    id         TEXT NOT NULL PRIMARY KEY,
    token_hash TEXT NOT NULL,
    purpose    TEXT NOT NULL CHECK (purpose IN ('invitation', 'passwordReset')),
    user_id    TEXT NOT NULL REFERENCES users (id),
    expires_at TEXT NOT NULL,
    used_at    TEXT NULL,
    created_by TEXT NULL REFERENCES users (id),
    created_at TEXT NOT NULL
);
CREATE UNIQUE INDEX ux_account_links_token ON account_links (token_hash);
CREATE INDEX ix_account_links_user ON account_links (user_id);

ALTER TABLE users ADD COLUMN tokens_valid_after TEXT NULL;
