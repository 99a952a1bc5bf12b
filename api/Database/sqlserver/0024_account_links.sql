-- One-time links for accounts: an invitation to set a first password, and a password reset. Only a hash of the token
-- is kept. A password set through one signs out every session issued before it (tokens_valid_after).
CREATE TABLE account_links (
    id         UNIQUEIDENTIFIER NOT NULL PRIMARY KEY,
    token_hash NVARCHAR(64)     NOT NULL,
    purpose    NVARCHAR(20)     NOT NULL CHECK (purpose IN ('invitation', 'passwordReset')),
    user_id    UNIQUEIDENTIFIER NOT NULL REFERENCES users (id),
    expires_at DATETIME2(7)     NOT NULL,
    used_at    DATETIME2(7)     NULL,
    created_by UNIQUEIDENTIFIER NULL REFERENCES users (id),
    created_at DATETIME2(7)     NOT NULL
);
CREATE UNIQUE INDEX ux_account_links_token ON account_links (token_hash);
CREATE INDEX ix_account_links_user ON account_links (user_id);

ALTER TABLE users ADD tokens_valid_after DATETIME2(7) NULL;
