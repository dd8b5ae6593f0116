// params: rows
UNWIND $rows AS row
MATCH (n)
WHERE elementId(n) = row.eid
SET n = row.props
