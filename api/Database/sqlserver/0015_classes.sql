-- Classes and enrollments from the SIS (OneRoster academicSessions, courses, classes, enrollments), keyed on sourcedId
-- within the district: a teacher sees the students of their classes and their work-based learning, a placement can
-- name the class it connects to (Linked Learning: connected to classroom learning), and outcomes break down by course.
CREATE TABLE academic_sessions (
    id          UNIQUEIDENTIFIER NOT NULL PRIMARY KEY,
    district_id UNIQUEIDENTIFIER NOT NULL REFERENCES organizations (id),
    sourced_id  NVARCHAR(255) NOT NULL,
    title       NVARCHAR(400) NOT NULL,
    type        NVARCHAR(400) NOT NULL,
    start_date  NVARCHAR(400) NULL,
    end_date    NVARCHAR(400) NULL,
    school_year NVARCHAR(400) NULL,
    status      NVARCHAR(400) NOT NULL,
    updated_at  DATETIME2(7) NOT NULL
);
CREATE UNIQUE INDEX ux_academic_sessions_sourced ON academic_sessions (district_id, sourced_id);

CREATE TABLE courses (
    id          UNIQUEIDENTIFIER NOT NULL PRIMARY KEY,
    district_id UNIQUEIDENTIFIER NOT NULL REFERENCES organizations (id),
    sourced_id  NVARCHAR(255) NOT NULL,
    title       NVARCHAR(400) NOT NULL,
    course_code NVARCHAR(400) NULL,
    school_id   UNIQUEIDENTIFIER NULL REFERENCES organizations (id),
    status      NVARCHAR(400) NOT NULL,
    updated_at  DATETIME2(7) NOT NULL
);
CREATE UNIQUE INDEX ux_courses_sourced ON courses (district_id, sourced_id);

CREATE TABLE classes (
    id          UNIQUEIDENTIFIER NOT NULL PRIMARY KEY,
    district_id UNIQUEIDENTIFIER NOT NULL REFERENCES organizations (id),
    sourced_id  NVARCHAR(255) NOT NULL,
    school_id   UNIQUEIDENTIFIER NOT NULL REFERENCES organizations (id),
    course_id   UNIQUEIDENTIFIER NULL REFERENCES courses (id),
    title       NVARCHAR(400) NOT NULL,
    class_code  NVARCHAR(400) NULL,
    class_type  NVARCHAR(400) NULL,
    terms       NVARCHAR(MAX) NULL,
    status      NVARCHAR(400) NOT NULL,
    updated_at  DATETIME2(7) NOT NULL
);
CREATE UNIQUE INDEX ux_classes_sourced ON classes (district_id, sourced_id);
CREATE INDEX ix_classes_school ON classes (school_id);

CREATE TABLE enrollments (
    id          UNIQUEIDENTIFIER NOT NULL PRIMARY KEY,
    district_id UNIQUEIDENTIFIER NOT NULL REFERENCES organizations (id),
    sourced_id  NVARCHAR(255) NOT NULL,
    class_id    UNIQUEIDENTIFIER NOT NULL REFERENCES classes (id),
    person_id   UNIQUEIDENTIFIER NOT NULL REFERENCES people (id),
    role        NVARCHAR(400) NOT NULL,
    is_primary  BIT NOT NULL CONSTRAINT df_enrollments_primary DEFAULT 0,
    begin_date  NVARCHAR(400) NULL,
    end_date    NVARCHAR(400) NULL,
    status      NVARCHAR(400) NOT NULL,
    updated_at  DATETIME2(7) NOT NULL
);
CREATE UNIQUE INDEX ux_enrollments_sourced ON enrollments (district_id, sourced_id);
CREATE INDEX ix_enrollments_class ON enrollments (class_id, role);
CREATE INDEX ix_enrollments_person ON enrollments (person_id);

ALTER TABLE placements ADD class_id UNIQUEIDENTIFIER NULL REFERENCES classes (id);

-- A student's reflection may name the class it connects the experience to.
ALTER TABLE reflections ADD class_id UNIQUEIDENTIFIER NULL REFERENCES classes (id);
