-- A round's choices are read in key order (round, student, rank) by every run: a million rows for a region-wide round.
-- Stored WITHOUT ROWID, the table is its own key index (as SQL Server's clustered primary key already is), so the run
-- reads one B-tree in order instead of an index plus a table lookup per row.
CREATE TABLE match_round_choices_clustered (
    round_id       TEXT    NOT NULL REFERENCES match_rounds (id),
    student_id     TEXT    NOT NULL REFERENCES people (id),
    rank           INTEGER NOT NULL,
    opportunity_id TEXT    NOT NULL REFERENCES opportunities (id),
    PRIMARY KEY (round_id, student_id, rank)
) WITHOUT ROWID;
INSERT INTO match_round_choices_clustered (round_id, student_id, rank, opportunity_id)
SELECT round_id, student_id, rank, opportunity_id FROM match_round_choices;
DROP TABLE match_round_choices;
ALTER TABLE match_round_choices_clustered RENAME TO match_round_choices;
CREATE INDEX ix_match_round_choices_opportunity ON match_round_choices (round_id, opportunity_id);
