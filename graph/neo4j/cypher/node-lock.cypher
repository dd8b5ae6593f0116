// The nodes a transaction changes, created if new and locked (SET), with
// their graph/merge summary (kg_merge) and element id.
// params: ids
// each: entity label
UNWIND $ids AS id
MERGE (n:__LABEL__ {id: id})
SET n.id = id
RETURN id, elementId(n) AS eid, n.kg_merge AS summary, n.name AS name
