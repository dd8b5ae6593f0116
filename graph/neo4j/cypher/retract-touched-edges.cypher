// The relationships the articles contribute to, locked (SET) for the update.
// params: ids
UNWIND $ids AS id
MATCH (:Article {id: id})-[:MENTIONS]->()-[r]-()
WHERE any(x IN r.src_articles WHERE x IN $ids)
WITH DISTINCT r
SET r.key = r.key
RETURN elementId(r) AS eid, properties(r) AS props
