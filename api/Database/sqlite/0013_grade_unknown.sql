-- Grades are optional in OneRoster (and UG or Other say nothing of the year): a student may be on the roster with no
-- grade, shown as "grade unknown" and eligible only for opportunities without a grade rule. SQLite rebuilds the table
-- to drop NOT NULL.
CREATE TABLE student_profiles_next (
    person_id                       TEXT    NOT NULL PRIMARY KEY REFERENCES people (id),
    grade                           INTEGER NULL CHECK (grade BETWEEN 6 AND 13),
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
INSERT INTO student_profiles_next SELECT person_id, grade, birth_date, pathway, cte_concentrator, home_latitude, home_longitude, career_interests,
    skills, availability, transportation, max_travel_minutes, prefers_paid, wants_credit, share_with_employers, english_learner,
    student_with_disability, socioeconomically_disadvantaged, foster_youth, race_ethnicity, gender FROM student_profiles;
DROP TABLE student_profiles;
ALTER TABLE student_profiles_next RENAME TO student_profiles;
