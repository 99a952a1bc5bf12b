-- A region's rule for the hours minors may work, checked when hours are logged: federal (29 CFR 570.35, for 14- and
-- 15-year-olds) everywhere; with "california" also California Labor Code 1391 for 16- and 17-year-olds.
CREATE TABLE work_rules (
    region_id        UNIQUEIDENTIFIER NOT NULL PRIMARY KEY REFERENCES organizations (id),
    minor_hours_rule NVARCHAR(20)     NOT NULL CONSTRAINT ck_work_rules_minor_hours_rule CHECK (minor_hours_rule IN ('federal', 'california')),
    version          INT              NOT NULL,
    updated_at       DATETIME2(7)     NOT NULL
);
