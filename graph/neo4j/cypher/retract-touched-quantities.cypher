// The quantities the articles contribute to, locked (SET) for the update.
// params: ids
UNWIND $ids AS id
MATCH (:Article {id: id})-[:MENTIONS]->()<-[:QUANTIFIES]-(q:Quantity)
WHERE any(x IN q.src_articles WHERE x IN $ids)
WITH DISTINCT q
SET q.key = q.key
RETURN elementId(q) AS eid, properties(q) AS props
