// Each article's record of each entity it mentions (kept on its MENTIONS).
// params: ids
UNWIND $ids AS id
MATCH (a:Article {id: id})-[m:MENTIONS]->(n)
RETURN n.id AS id, labels(n) AS labels, a.id AS article, m.name AS name, m.aliases AS aliases, m.props AS props, m.count AS count
