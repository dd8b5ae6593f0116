// A quantity's properties and its links to its subject and country (found
// by element id).
// params: rows
UNWIND $rows AS row
MATCH (q)
WHERE elementId(q) = row.eid
SET q = row.props
WITH q, row
MATCH (s)
WHERE elementId(s) = row.subject
MERGE (q)-[:QUANTIFIES]->(s)
WITH q, row
WHERE row.of IS NOT NULL
MATCH (c)
WHERE elementId(c) = row.of
MERGE (q)-[:OF]->(c)
