// Relationships merged on their key between endpoints found by element id
// (and checked by id), with what they hold so far.
// params: rows
// each: relation type
UNWIND $rows AS row
MATCH (a)
WHERE elementId(a) = row.src AND a.id = row.from
MATCH (b)
WHERE elementId(b) = row.dst AND b.id = row.to
MERGE (a)-[r:__TYPE__ {key: row.key}]->(b)
SET r.key = row.key
RETURN row.key AS key, elementId(r) AS eid, properties(r) AS props
