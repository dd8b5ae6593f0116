// Records already stored for (article, entity) pairs about to be written:
// a load redone after an interruption, or by a second loader.
// params: rows
UNWIND $rows AS row
MATCH (:Article {id: row.article})-[m:MENTIONS]->(n)
WHERE n.id = row.id
RETURN n.id AS id, row.article AS article, m.name AS name, m.aliases AS aliases, m.props AS props, m.count AS count
