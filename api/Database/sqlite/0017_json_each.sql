-- Lists travel as one JSON array parameter and are read with SQLite's own json_each(@list); SQL Server gets a function
-- of the same name in this migration. Nothing to change here.
SELECT 1;
