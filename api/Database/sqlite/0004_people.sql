-- District-rostered people: students (with their profile), guardians and educators.
CREATE TABLE people (
    id             TEXT    NOT NULL PRIMARY KEY,
    kind           TEXT    NOT NULL CHECK (kind IN ('student', 'guardian', 'educator')),
    region_id      TEXT    NOT NULL REFERENCES organizations (id),
    district_id    TEXT    NOT NULL REFERENCES organizations (id),
    school_id      TEXT    NULL REFERENCES organizations (id),
    sourced_id     TEXT    NULL,
    identifier     TEXT    NULL,
    given_name     TEXT    NOT NULL,
    family_name    TEXT    NOT NULL,
    preferred_name TEXT    NULL,
    email          TEXT    NULL,
    phone          TEXT    NULL,
    user_id        TEXT    NULL REFERENCES users (id),
    status         TEXT    NOT NULL CHECK (status IN ('active', 'inactive')),
    version        INTEGER NOT NULL DEFAULT 1,
    created_at     TEXT    NOT NULL,
    updated_at     TEXT    NOT NULL
);
CREATE UNIQUE INDEX ux_people_district_sourced_id ON people (district_id, sourced_id) WHERE sourced_id IS NOT NULL;
CREATE INDEX ix_people_school ON people (school_id, kind);
CREATE INDEX ix_people_user ON people (user_id) WHERE user_id IS NOT NULL;

CREATE TABLE student_profiles (
    person_id                       TEXT    NOT NULL PRIMARY KEY REFERENCES people (id),
    grade                           INTEGER NOT NULL CHECK (grade BETWEEN 6 AND 13),
    birth_date                      TEXT    NULL,
    pathway                         TEXT    NULL,
    cte_concentrator                INTEGER NOT NULL DEFAULT 0,
    home_latitude                   REAL    NULL,
    home_longitude                  REAL    NULL,
    career_interests                TEXT    NOT NULL,
    skills                          TEXT    NOT NULL,
    availability                    TEXT    NOT NULL,
    transportation                  TEXT    NULL,
    max_travel_minutes              INTEGER NULL,
    prefers_paid                    INTEGER NOT NULL DEFAULT 0,
    wants_credit                    INTEGER NOT NULL DEFAULT 0,
    share_with_employers            INTEGER NOT NULL DEFAULT 0,
    english_learner                 INTEGER NOT NULL DEFAULT 0,
    student_with_disability         INTEGER NOT NULL DEFAULT 0,
    socioeconomically_disadvantaged INTEGER NOT NULL DEFAULT 0,
    foster_youth                    INTEGER NOT NULL DEFAULT 0,
    race_ethnicity                  TEXT    NOT NULL,
    gender                          TEXT    NULL
);

CREATE TABLE guardianships (
    student_id   TEXT NOT NULL REFERENCES people (id),
    guardian_id  TEXT NOT NULL REFERENCES people (id),
    relationship TEXT NOT NULL CHECK (relationship IN ('parent', 'guardian', 'relative')),
    PRIMARY KEY (student_id, guardian_id)
);
CREATE INDEX ix_guardianships_guardian ON guardianships (guardian_id);
