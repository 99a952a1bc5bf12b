-- A region's rule for the hours minors may work, checked when hours are logged: federal (29 CFR 570.35, for 14- and
-- 15-year-olds) everywhere; with "california" also California Labor Code 1391 for 16- and 17-year-olds.
CREATE TABLE work_rules (
    region_id        TEXT    NOT NULL PRIMARY KEY REFERENCES organizations (id),
    minor_hours_rule TEXT    NOT NULL CHECK (minor_hours_rule IN ('federal', 'california')),
    version          INTEGER NOT NULL,
    updated_at       TEXT    NOT NULL
);
