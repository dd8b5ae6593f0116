// Stored hash of each article (a missing hash: a load that did not complete).
// params: ids
UNWIND $ids AS id
MATCH (a:Article {id: id})
RETURN a.id AS id, a.hash AS hash
