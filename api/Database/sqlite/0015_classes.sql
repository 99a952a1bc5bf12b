-- Classes and enrollments from the SIS (OneRoster academicSessions, courses, classes, enrollments), keyed on sourcedId
-- within the district: a teacher sees the students of their classes and their work-based learning, a placement can
-- name the class it connects to (Linked Learning: connected to classroom learning), and outcomes break down by course.
CREATE TABLE academic_sessions (
    id          TEXT NOT NULL PRIMARY KEY,
    district_id TEXT NOT NULL REFERENCES organizations (id),
    sourced_id  TEXT NOT NULL,
    title       TEXT NOT NULL,
    type        TEXT NOT NULL,
    start_date  TEXT NULL,
    end_date    TEXT NULL,
    school_year TEXT NULL,
    status      TEXT NOT NULL,
    updated_at  TEXT NOT NULL
);
CREATE UNIQUE INDEX ux_academic_sessions_sourced ON academic_sessions (district_id, sourced_id);

CREATE TABLE courses (
    id          TEXT NOT NULL PRIMARY KEY,
    district_id TEXT NOT NULL REFERENCES organizations (id),
    sourced_id  TEXT NOT NULL,
    title       TEXT NOT NULL,
    course_code TEXT NULL,
    school_id   TEXT NULL REFERENCES organizations (id),
    status      TEXT NOT NULL,
    updated_at  TEXT NOT NULL
);
CREATE UNIQUE INDEX ux_courses_sourced ON courses (district_id, sourced_id);

CREATE TABLE classes (
    id          TEXT NOT NULL PRIMARY KEY,
    district_id TEXT NOT NULL REFERENCES organizations (id),
    sourced_id  TEXT NOT NULL,
    school_id   TEXT NOT NULL REFERENCES organizations (id),
    course_id   TEXT NULL REFERENCES courses (id),
    title       TEXT NOT NULL,
    class_code  TEXT NULL,
    class_type  TEXT NULL,
    terms       TEXT NULL,
    status      TEXT NOT NULL,
    updated_at  TEXT NOT NULL
);
CREATE UNIQUE INDEX ux_classes_sourced ON classes (district_id, sourced_id);
CREATE INDEX ix_classes_school ON classes (school_id);

CREATE TABLE enrollments (
    id          TEXT NOT NULL PRIMARY KEY,
    district_id TEXT NOT NULL REFERENCES organizations (id),
    sourced_id  TEXT NOT NULL,
    class_id    TEXT NOT NULL REFERENCES classes (id),
    person_id   TEXT NOT NULL REFERENCES people (id),
    role        TEXT NOT NULL,
    is_primary  INTEGER NOT NULL DEFAULT 0,
    begin_date  TEXT NULL,
    end_date    TEXT NULL,
    status      TEXT NOT NULL,
    updated_at  TEXT NOT NULL
);
CREATE UNIQUE INDEX ux_enrollments_sourced ON enrollments (district_id, sourced_id);
CREATE INDEX ix_enrollments_class ON enrollments (class_id, role);
CREATE INDEX ix_enrollments_person ON enrollments (person_id);

ALTER TABLE placements ADD class_id TEXT NULL REFERENCES classes (id);

-- A student's reflection may name the class it connects the experience to.
ALTER TABLE reflections ADD class_id TEXT NULL REFERENCES classes (id);
