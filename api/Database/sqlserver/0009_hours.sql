-- Hours logged against placements, approved (then locked) or rejected by the supervisor.
CREATE TABLE hours_entries (
    id                 UNIQUEIDENTIFIER NOT NULL CONSTRAINT pk_hours_entries PRIMARY KEY,
    placement_id       UNIQUEIDENTIFIER NOT NULL CONSTRAINT fk_hours_entries_placement REFERENCES placements (id),
    student_id         UNIQUEIDENTIFIER NOT NULL CONSTRAINT fk_hours_entries_student REFERENCES people (id),
    work_date          DATE             NOT NULL,
    start_time         NVARCHAR(5)      NOT NULL,
    minutes            INT              NOT NULL CONSTRAINT ck_hours_entries_minutes CHECK (minutes > 0),
    activity           NVARCHAR(1000)   NOT NULL,
    status             NVARCHAR(16)     NOT NULL CONSTRAINT ck_hours_entries_status CHECK (status IN ('submitted', 'approved', 'rejected')),
    reason             NVARCHAR(1000)   NULL,
    decided_by_user_id UNIQUEIDENTIFIER NULL CONSTRAINT fk_hours_entries_user REFERENCES users (id),
    decided_by_name    NVARCHAR(200)    NULL,
    decided_at         DATETIME2(7)     NULL,
    version            INT              NOT NULL CONSTRAINT df_hours_entries_version DEFAULT 1,
    created_at         DATETIME2(7)     NOT NULL,
    updated_at         DATETIME2(7)     NOT NULL
);
CREATE INDEX ix_hours_entries_placement ON hours_entries (placement_id, work_date);
CREATE INDEX ix_hours_entries_student ON hours_entries (student_id, work_date);

ALTER TABLE action_links ADD hours_entry_id UNIQUEIDENTIFIER NULL;
