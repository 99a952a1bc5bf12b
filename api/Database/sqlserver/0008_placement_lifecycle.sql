-- The placement lifecycle: decisions, approval expiry, completion; training agreements with acknowledgements;
-- one-time links for guardians and supervisors without accounts.
ALTER TABLE placements ADD note NVARCHAR(2000) NULL;
ALTER TABLE placements ADD decision_reason NVARCHAR(1000) NULL;
ALTER TABLE placements ADD expires_on DATE NULL;
ALTER TABLE placements ADD credit_earned NVARCHAR(400) NULL;
ALTER TABLE placements ADD credential_earned NVARCHAR(400) NULL;
ALTER TABLE placements ADD requested_by_user_id UNIQUEIDENTIFIER NULL;

CREATE TABLE agreements (
    placement_id UNIQUEIDENTIFIER NOT NULL CONSTRAINT pk_agreements PRIMARY KEY CONSTRAINT fk_agreements_placement REFERENCES placements (id),
    terms        NVARCHAR(MAX)    NOT NULL,
    version      INT              NOT NULL,
    created_at   DATETIME2(7)     NOT NULL,
    updated_at   DATETIME2(7)     NOT NULL
);

CREATE TABLE acknowledgements (
    placement_id      UNIQUEIDENTIFIER NOT NULL CONSTRAINT fk_acknowledgements_placement REFERENCES placements (id),
    party             NVARCHAR(16)     NOT NULL CONSTRAINT ck_acknowledgements_party CHECK (party IN ('student', 'guardian', 'supervisor', 'coordinator')),
    agreement_version INT              NOT NULL,
    name              NVARCHAR(200)    NOT NULL,
    via               NVARCHAR(16)     NOT NULL CONSTRAINT ck_acknowledgements_via CHECK (via IN ('account', 'link')),
    user_id           UNIQUEIDENTIFIER NULL CONSTRAINT fk_acknowledgements_user REFERENCES users (id),
    at                DATETIME2(7)     NOT NULL,
    CONSTRAINT pk_acknowledgements PRIMARY KEY (placement_id, party)
);

CREATE TABLE action_links (
    id           UNIQUEIDENTIFIER NOT NULL CONSTRAINT pk_action_links PRIMARY KEY,
    token_hash   NVARCHAR(64)     NOT NULL,
    purpose      NVARCHAR(16)     NOT NULL CONSTRAINT ck_action_links_purpose CHECK (purpose IN ('acknowledge', 'approveHours')),
    placement_id UNIQUEIDENTIFIER NOT NULL CONSTRAINT fk_action_links_placement REFERENCES placements (id),
    party        NVARCHAR(16)     NOT NULL,
    expires_at   DATETIME2(7)     NOT NULL,
    used_at      DATETIME2(7)     NULL,
    created_by   UNIQUEIDENTIFIER NULL CONSTRAINT fk_action_links_user REFERENCES users (id),
    created_at   DATETIME2(7)     NOT NULL
);
CREATE UNIQUE INDEX ux_action_links_token ON action_links (token_hash);
