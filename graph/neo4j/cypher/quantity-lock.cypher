// Quantities found by key, locked (SET) for an update, with their
// properties.
// params: keys
UNWIND $keys AS k
MATCH (q:Quantity {key: k})
SET q.key = q.key
RETURN k AS key, elementId(q) AS eid, properties(q) AS props
