-- A run reads every student's choices in the round: a million rows for a region-wide round, which cost a run more
-- than matching and storing together. Each submission also writes the student's list as one row (a JSON array of
-- opportunity ids, best first), so a run reads one row per student. match_round_choices stays the record that
-- everything else reads (a student's choices, an opportunity's applicants); the two are written in one transaction.
CREATE TABLE match_round_choice_lists (
    round_id        TEXT NOT NULL REFERENCES match_rounds (id),
    student_id      TEXT NOT NULL REFERENCES people (id),
    opportunity_ids TEXT NOT NULL,
    PRIMARY KEY (round_id, student_id)
) WITHOUT ROWID;
INSERT INTO match_round_choice_lists (round_id, student_id, opportunity_ids)
SELECT round_id, student_id, json_group_array(opportunity_id ORDER BY rank)
FROM match_round_choices
GROUP BY round_id, student_id;
