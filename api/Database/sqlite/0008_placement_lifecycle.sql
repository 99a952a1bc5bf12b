-- The placement lifecycle: decisions, approval expiry, completion; training agreements with acknowledgements;
-- one-time links for guardians and supervisors without accounts.
ALTER TABLE placements ADD COLUMN note TEXT NULL;
ALTER TABLE placements ADD COLUMN decision_reason TEXT NULL;
ALTER TABLE placements ADD COLUMN expires_on TEXT NULL;
ALTER TABLE placements ADD COLUMN credit_earned TEXT NULL;
ALTER TABLE placements ADD COLUMN credential_earned TEXT NULL;
ALTER TABLE placements ADD COLUMN requested_by_user_id TEXT NULL;

CREATE TABLE agreements (
    placement_id TEXT    NOT NULL PRIMARY KEY REFERENCES placements (id),
    terms        TEXT    NOT NULL,
    version      INTEGER NOT NULL,
    created_at   TEXT    NOT NULL,
    updated_at   TEXT    NOT NULL
);

CREATE TABLE acknowledgements (
    placement_id      TEXT    NOT NULL REFERENCES placements (id),
    party             TEXT    NOT NULL CHECK (party IN ('student', 'guardian', 'supervisor', 'coordinator')),
    agreement_version INTEGER NOT NULL,
    name              TEXT    NOT NULL,
    via               TEXT    NOT NULL CHECK (via IN ('account', 'link')),
    user_id           TEXT    NULL REFERENCES users (id),
    at                TEXT    NOT NULL,
    PRIMARY KEY (placement_id, party)
);

CREATE TABLE action_links (
    id           TEXT NOT NULL PRIMARY KEY,
    token_hash   TEXT NOT NULL,
    purpose      TEXT NOT NULL CHECK (purpose IN ('acknowledge', 'approveHours')),
    placement_id TEXT NOT NULL REFERENCES placements (id),
    party        TEXT NOT NULL,
    expires_at   TEXT NOT NULL,
    used_at      TEXT NULL,
    created_by   TEXT NULL REFERENCES users (id),
    created_at   TEXT NOT NULL
);
CREATE UNIQUE INDEX ux_action_links_token ON action_links (token_hash);
