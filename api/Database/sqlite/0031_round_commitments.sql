-- A round's lottery is committed to when it opens (a hash of its seed and a random salt), and its input is kept as it
-- ran (anonymised, with the students' order kept apart), so that after publication anyone can check the seed against
-- the commitment and re-run the engine on the published input.
ALTER TABLE match_rounds ADD COLUMN seed_salt TEXT NULL;
ALTER TABLE match_rounds ADD COLUMN seed_commitment TEXT NULL;

CREATE TABLE match_round_inputs (
    round_id    TEXT    NOT NULL PRIMARY KEY REFERENCES match_rounds (id),
    -- The students of the input's entries, in order: 16 bytes each (Guid.ToByteArray), never published.
    student_ids BLOB    NOT NULL,
    -- The input and result: the engine's arrays as they ran (RoundInputs.Pack), from which the published form is made.
    content     BLOB    NOT NULL,
    created_at  TEXT    NOT NULL
);
