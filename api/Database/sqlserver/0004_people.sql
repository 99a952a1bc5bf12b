-- District-rostered people: students (with their profile), guardians and educators.
CREATE TABLE people (
    id             UNIQUEIDENTIFIER NOT NULL CONSTRAINT pk_people PRIMARY KEY,
    kind           NVARCHAR(16)     NOT NULL CONSTRAINT ck_people_kind CHECK (kind IN ('student', 'guardian', 'educator')),
    region_id      UNIQUEIDENTIFIER NOT NULL CONSTRAINT fk_people_region REFERENCES organizations (id),
    district_id    UNIQUEIDENTIFIER NOT NULL CONSTRAINT fk_people_district REFERENCES organizations (id),
    school_id      UNIQUEIDENTIFIER NULL CONSTRAINT fk_people_school REFERENCES organizations (id),
    sourced_id     NVARCHAR(255)    NULL,
    identifier     NVARCHAR(64)     NULL,
    given_name     NVARCHAR(100)    NOT NULL,
    family_name    NVARCHAR(100)    NOT NULL,
    preferred_name NVARCHAR(100)    NULL,
    email          NVARCHAR(320)    NULL,
    phone          NVARCHAR(40)     NULL,
    user_id        UNIQUEIDENTIFIER NULL CONSTRAINT fk_people_user REFERENCES users (id),
    status         NVARCHAR(16)     NOT NULL CONSTRAINT ck_people_status CHECK (status IN ('active', 'inactive')),
    version        INT              NOT NULL CONSTRAINT df_people_version DEFAULT 1,
    created_at     DATETIME2(7)     NOT NULL,
    updated_at     DATETIME2(7)     NOT NULL
);
CREATE UNIQUE INDEX ux_people_district_sourced_id ON people (district_id, sourced_id) WHERE sourced_id IS NOT NULL;
CREATE INDEX ix_people_school ON people (school_id, kind);
CREATE INDEX ix_people_user ON people (user_id) WHERE user_id IS NOT NULL;

CREATE TABLE student_profiles (
    person_id                       UNIQUEIDENTIFIER NOT NULL CONSTRAINT pk_student_profiles PRIMARY KEY CONSTRAINT fk_student_profiles_person REFERENCES people (id),
    grade                           INT              NOT NULL CONSTRAINT ck_student_profiles_grade CHECK (grade BETWEEN 6 AND 13),
    birth_date                      DATE             NULL,
    pathway                         NVARCHAR(200)    NULL,
    cte_concentrator                BIT              NOT NULL CONSTRAINT df_sp_cte DEFAULT 0,
    home_latitude                   FLOAT            NULL,
    home_longitude                  FLOAT            NULL,
    career_interests                NVARCHAR(MAX)    NOT NULL,
    skills                          NVARCHAR(MAX)    NOT NULL,
    availability                    NVARCHAR(MAX)    NOT NULL,
    transportation                  NVARCHAR(32)     NULL,
    max_travel_minutes              INT              NULL,
    prefers_paid                    BIT              NOT NULL CONSTRAINT df_sp_paid DEFAULT 0,
    wants_credit                    BIT              NOT NULL CONSTRAINT df_sp_credit DEFAULT 0,
    share_with_employers            BIT              NOT NULL CONSTRAINT df_sp_share DEFAULT 0,
    english_learner                 BIT              NOT NULL CONSTRAINT df_sp_el DEFAULT 0,
    student_with_disability         BIT              NOT NULL CONSTRAINT df_sp_swd DEFAULT 0,
    socioeconomically_disadvantaged BIT              NOT NULL CONSTRAINT df_sp_sed DEFAULT 0,
    foster_youth                    BIT              NOT NULL CONSTRAINT df_sp_foster DEFAULT 0,
    race_ethnicity                  NVARCHAR(400)    NOT NULL,
    gender                          NVARCHAR(16)     NULL
);

CREATE TABLE guardianships (
    student_id   UNIQUEIDENTIFIER NOT NULL CONSTRAINT fk_guardianships_student REFERENCES people (id),
    guardian_id  UNIQUEIDENTIFIER NOT NULL CONSTRAINT fk_guardianships_guardian REFERENCES people (id),
    relationship NVARCHAR(16)     NOT NULL CONSTRAINT ck_guardianships_relationship CHECK (relationship IN ('parent', 'guardian', 'relative')),
    CONSTRAINT pk_guardianships PRIMARY KEY (student_id, guardian_id)
);
CREATE INDEX ix_guardianships_guardian ON guardianships (guardian_id);
