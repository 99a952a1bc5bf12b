-- SQLite rebuilds match_round_choices WITHOUT ROWID in this migration, so that a run reads the choices in key order
-- from one B-tree. Here the primary key is already the clustered index: nothing to change.
SELECT 1;
