-- Lists travel as one JSON array parameter and are read with json_each(@list), as SQLite does natively: one parameter
-- however long the list (Dapper's IN @list expansion bound one parameter per item). value is the item as text;
-- comparing it with a uniqueidentifier column converts it.
CREATE FUNCTION dbo.json_each(@list NVARCHAR(MAX))
RETURNS TABLE
AS
RETURN SELECT CAST([value] AS NVARCHAR(400)) AS [value] FROM OPENJSON(@list);
