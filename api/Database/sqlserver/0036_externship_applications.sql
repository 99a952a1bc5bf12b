-- Teacher externships are for educators: a teacher or counselor applies, the employer accepts or declines, and marks
-- it completed; outcomes count educators apart from students.
CREATE TABLE externship_applications (
    opportunity_id UNIQUEIDENTIFIER NOT NULL REFERENCES opportunities (id),
    user_id        UNIQUEIDENTIFIER NOT NULL REFERENCES users (id),
    school_id      UNIQUEIDENTIFIER NOT NULL REFERENCES organizations (id),
    note           NVARCHAR(2000)   NULL,
    status         NVARCHAR(16)     NOT NULL CHECK (status IN ('applied', 'accepted', 'declined', 'withdrawn', 'completed')),
    decided_by     UNIQUEIDENTIFIER NULL REFERENCES users (id),
    created_at     DATETIME2(7)     NOT NULL,
    updated_at     DATETIME2(7)     NOT NULL,
    CONSTRAINT pk_externship_applications PRIMARY KEY (opportunity_id, user_id)
);
CREATE INDEX ix_externship_applications_school ON externship_applications (school_id, status);
