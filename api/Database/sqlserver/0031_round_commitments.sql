-- A round's lottery is committed to when it opens (a hash of its seed and a random salt), and its input is kept as it
-- ran (anonymised, with the students' order kept apart), so that after publication anyone can check the seed against
-- the commitment and re-run the engine on the published input.
ALTER TABLE match_rounds ADD seed_salt NVARCHAR(64) NULL, seed_commitment NVARCHAR(64) NULL;

CREATE TABLE match_round_inputs (
    round_id    UNIQUEIDENTIFIER NOT NULL PRIMARY KEY REFERENCES match_rounds (id),
    -- The students of the input's entries, in order: 16 bytes each (Guid.ToByteArray), never published.
    student_ids VARBINARY(MAX)   NOT NULL,
    -- The input and result: the engine's arrays as they ran (RoundInputs.Pack), from which the published form is made.
    content     VARBINARY(MAX)   NOT NULL,
    created_at  DATETIME2(7)     NOT NULL
);
