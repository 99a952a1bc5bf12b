-- Several API nodes on one database. Background work is a row in jobs, claimed by one node at a time with a lease it
-- renews (heartbeat); a job whose lease ran out (its node died) is claimed again by another node. dedupe_key keeps one
-- live job per purpose (a roster import, a round run, each recurring task). The token signing keys and the ASP.NET Core
-- Data Protection key ring live here too, so every node validates every token and reads every protected secret.
CREATE TABLE jobs (
    id           UNIQUEIDENTIFIER NOT NULL CONSTRAINT pk_jobs PRIMARY KEY,
    kind         NVARCHAR(50)     NOT NULL,
    subject_id   UNIQUEIDENTIFIER NULL,
    dedupe_key   NVARCHAR(200)    NULL,
    status       NVARCHAR(20)     NOT NULL CONSTRAINT ck_jobs_status CHECK (status IN ('queued', 'running', 'done', 'failed')),
    run_after    DATETIME2(7)     NOT NULL,
    attempts     INT              NOT NULL CONSTRAINT df_jobs_attempts DEFAULT 0,
    lease_owner  NVARCHAR(200)    NULL,
    lease_until  DATETIME2(7)     NULL,
    progress     INT              NULL,
    last_error   NVARCHAR(1000)   NULL,
    created_at   DATETIME2(7)     NOT NULL,
    started_at   DATETIME2(7)     NULL,
    finished_at  DATETIME2(7)     NULL
);
CREATE INDEX ix_jobs_due ON jobs (status, run_after);
CREATE INDEX ix_jobs_subject ON jobs (subject_id);
CREATE UNIQUE INDEX ux_jobs_live ON jobs (dedupe_key) WHERE dedupe_key IS NOT NULL AND status IN ('queued', 'running');

-- Work a single process used to re-queue from memory at start-up becomes jobs (the job id is the subject's id).
INSERT INTO jobs (id, kind, subject_id, dedupe_key, status, run_after, attempts, created_at)
SELECT id, 'roster-import', id, 'roster-import:' + CONVERT(NVARCHAR(36), id), 'queued', created_at, 0, created_at FROM roster_imports WHERE status IN ('queued', 'running');
INSERT INTO jobs (id, kind, subject_id, dedupe_key, status, run_after, attempts, created_at)
SELECT id, 'match-round', id, 'match-round:' + CONVERT(NVARCHAR(36), id), 'queued', created_at, 0, created_at FROM match_rounds WHERE status IN ('queued', 'running');

-- purpose: 'token' (signs access tokens; one per rotation period, id token-<period>) or 'pseudonym' (derives the
-- applicant ids employers see; never rotated).
CREATE TABLE signing_keys (
    key_id      NVARCHAR(64)  NOT NULL CONSTRAINT pk_signing_keys PRIMARY KEY,
    purpose     NVARCHAR(20)  NOT NULL CONSTRAINT ck_signing_keys_purpose CHECK (purpose IN ('token', 'pseudonym')),
    material    NVARCHAR(200) NOT NULL,
    created_at  DATETIME2(7)  NOT NULL
);

CREATE TABLE data_protection_keys (
    name        NVARCHAR(200) NOT NULL CONSTRAINT pk_data_protection_keys PRIMARY KEY,
    xml         NVARCHAR(MAX) NOT NULL,
    created_at  DATETIME2(7)  NOT NULL
);

-- Failed sign-ins per account (keyed by a hash of the normalized email, known or not), shared by all nodes: after a few
-- failures in an hour the account waits, longer after each further failure; a success clears it.
CREATE TABLE sign_in_throttle (
    account_key    NVARCHAR(64)  NOT NULL CONSTRAINT pk_sign_in_throttle PRIMARY KEY,
    failures       INT           NOT NULL,
    blocked_until  DATETIME2(7)  NULL,
    updated_at     DATETIME2(7)  NOT NULL
);
