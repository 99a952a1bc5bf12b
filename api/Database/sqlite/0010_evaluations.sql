-- Competency rubrics per region, employer evaluations (midpoint and final), student reflections.
CREATE TABLE rubrics (
    region_id  TEXT    NOT NULL PRIMARY KEY REFERENCES organizations (id),
    definition TEXT    NOT NULL,
    version    INTEGER NOT NULL,
    updated_at TEXT    NOT NULL
);

CREATE TABLE evaluations (
    id             TEXT NOT NULL PRIMARY KEY,
    placement_id   TEXT NOT NULL REFERENCES placements (id),
    kind           TEXT NOT NULL CHECK (kind IN ('midpoint', 'final')),
    rubric_name    TEXT NOT NULL,
    ratings        TEXT NOT NULL,
    average_level  REAL NULL,
    comments       TEXT NULL,
    evaluator_id   TEXT NULL REFERENCES users (id),
    evaluator_name TEXT NOT NULL,
    submitted_at   TEXT NOT NULL
);
CREATE UNIQUE INDEX ux_evaluations_kind ON evaluations (placement_id, kind);

CREATE TABLE reflections (
    id           TEXT    NOT NULL PRIMARY KEY,
    placement_id TEXT    NOT NULL REFERENCES placements (id),
    student_id   TEXT    NOT NULL REFERENCES people (id),
    text         TEXT    NOT NULL,
    rating       INTEGER NULL,
    created_at   TEXT    NOT NULL
);
CREATE INDEX ix_reflections_placement ON reflections (placement_id, created_at);
