// Relationships found by key, locked (SET) for an update, with their
// properties (the merge summary and counts; no per-article lists).
// params: keys
// each: relation type
UNWIND $keys AS k
MATCH ()-[r:__TYPE__ {key: k}]->()
SET r.key = r.key
RETURN k AS key, elementId(r) AS eid, properties(r) AS props
