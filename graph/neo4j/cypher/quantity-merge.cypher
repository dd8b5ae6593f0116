// Quantities merged on their key, locked (SET), with what they hold so far.
// params: rows
UNWIND $rows AS row
MERGE (q:Quantity {key: row.key})
SET q.key = row.key
RETURN row.key AS key, elementId(q) AS eid, properties(q) AS props
