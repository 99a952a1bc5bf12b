-- Teacher externships are for educators: a teacher or counselor applies, the employer accepts or declines, and marks
-- it completed; outcomes count educators apart from students.
CREATE TABLE externship_applications (
    opportunity_id TEXT NOT NULL REFERENCES opportunities (id),
    user_id        TEXT NOT NULL REFERENCES users (id),
    school_id      TEXT NOT NULL REFERENCES organizations (id),
    note           TEXT NULL,
    status         TEXT NOT NULL CHECK (status IN ('applied', 'accepted', 'declined', 'withdrawn', 'completed')),
    decided_by     TEXT NULL REFERENCES users (id),
    created_at     TEXT NOT NULL,
    updated_at     TEXT NOT NULL,
    PRIMARY KEY (opportunity_id, user_id)
);
CREATE INDEX ix_externship_applications_school ON externship_applications (school_id, status);
