-- Several API nodes on one database. Background work is a row in jobs, claimed by one node at a time with a lease it
-- renews (heartbeat); a job whose lease ran out (its node died) is claimed again by another node. dedupe_key keeps one
-- live job per purpose (a roster import, a round run, each recurring task). The token signing keys and the ASP.NET Core
-- Data Protection key ring live here too, so every node validates every token and reads every protected secret.
CREATE TABLE jobs (
    id           TEXT    NOT NULL PRIMARY KEY,
    kind         TEXT    NOT NULL,
    subject_id   TEXT    NULL,
    dedupe_key   TEXT    NULL,
    status       TEXT    NOT NULL CHECK (status IN ('queued', 'running', 'done', 'failed')),
    run_after    TEXT    NOT NULL,
    attempts     INTEGER NOT NULL DEFAULT 0,
    lease_owner  TEXT    NULL,
    lease_until  TEXT    NULL,
    progress     INTEGER NULL,
    last_error   TEXT    NULL,
    created_at   TEXT    NOT NULL,
    started_at   TEXT    NULL,
    finished_at  TEXT    NULL
);
CREATE INDEX ix_jobs_due ON jobs (status, run_after);
CREATE INDEX ix_jobs_subject ON jobs (subject_id);
CREATE UNIQUE INDEX ux_jobs_live ON jobs (dedupe_key) WHERE dedupe_key IS NOT NULL AND status IN ('queued', 'running');

-- Work a single process used to re-queue from memory at start-up becomes jobs (the job id is the subject's id).
INSERT INTO jobs (id, kind, subject_id, dedupe_key, status, run_after, attempts, created_at)
SELECT id, 'roster-import', id, 'roster-import:' || id, 'queued', created_at, 0, created_at FROM roster_imports WHERE status IN ('queued', 'running');
INSERT INTO jobs (id, kind, subject_id, dedupe_key, status, run_after, attempts, created_at)
SELECT id, 'match-round', id, 'match-round:' || id, 'queued', created_at, 0, created_at FROM match_rounds WHERE status IN ('queued', 'running');

-- purpose: 'token' (signs access tokens; one per rotation period, id token-<period>) or 'pseudonym' (derives the
-- applicant ids employers see; never rotated).
CREATE TABLE signing_keys (
    key_id      TEXT NOT NULL PRIMARY KEY,
    purpose     TEXT NOT NULL CHECK (purpose IN ('token', 'pseudonym')),
    material    TEXT NOT NULL,
    created_at  TEXT NOT NULL
);

CREATE TABLE data_protection_keys (
    name        TEXT NOT NULL PRIMARY KEY,
    xml         TEXT NOT NULL,
    created_at  TEXT NOT NULL
);

-- Failed sign-ins per account (keyed by a hash of the normalized email, known or not), shared by all nodes: after a few
-- failures in an hour the account waits, longer after each further failure; a success clears it.
CREATE TABLE sign_in_throttle (
    account_key    TEXT    NOT NULL PRIMARY KEY,
    failures       INTEGER NOT NULL,
    blocked_until  TEXT    NULL,
    updated_at     TEXT    NOT NULL
);
