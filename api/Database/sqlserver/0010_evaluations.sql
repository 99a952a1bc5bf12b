-- Competency rubrics per region, employer evaluations (midpoint and final), student reflections.
CREATE TABLE rubrics (
    region_id  UNIQUEIDENTIFIER NOT NULL CONSTRAINT pk_rubrics PRIMARY KEY CONSTRAINT fk_rubrics_region REFERENCES organizations (id),
    definition NVARCHAR(MAX)    NOT NULL,
    version    INT              NOT NULL,
    updated_at DATETIME2(7)     NOT NULL
);

CREATE TABLE evaluations (
    id             UNIQUEIDENTIFIER NOT NULL CONSTRAINT pk_evaluations PRIMARY KEY,
    placement_id   UNIQUEIDENTIFIER NOT NULL CONSTRAINT fk_evaluations_placement REFERENCES placements (id),
    kind           NVARCHAR(16)     NOT NULL CONSTRAINT ck_evaluations_kind CHECK (kind IN ('midpoint', 'final')),
    rubric_name    NVARCHAR(200)    NOT NULL,
    ratings        NVARCHAR(MAX)    NOT NULL,
    average_level  FLOAT            NULL,
    comments       NVARCHAR(4000)   NULL,
    evaluator_id   UNIQUEIDENTIFIER NULL CONSTRAINT fk_evaluations_user REFERENCES users (id),
    evaluator_name NVARCHAR(200)    NOT NULL,
    submitted_at   DATETIME2(7)     NOT NULL
);
CREATE UNIQUE INDEX ux_evaluations_kind ON evaluations (placement_id, kind);

CREATE TABLE reflections (
    id           UNIQUEIDENTIFIER NOT NULL CONSTRAINT pk_reflections PRIMARY KEY,
    placement_id UNIQUEIDENTIFIER NOT NULL CONSTRAINT fk_reflections_placement REFERENCES placements (id),
    student_id   UNIQUEIDENTIFIER NOT NULL CONSTRAINT fk_reflections_student REFERENCES people (id),
    text         NVARCHAR(4000)   NOT NULL,
    rating       INT              NULL,
    created_at   DATETIME2(7)     NOT NULL
);
CREATE INDEX ix_reflections_placement ON reflections (placement_id, created_at);
