// Every record of nodes stored before summaries were kept, to fold them once.
// params: ids
// each: entity label
UNWIND $ids AS id
MATCH (n:__LABEL__ {id: id})<-[m:MENTIONS]-(a:Article)
RETURN n.id AS id, a.id AS article, m.name AS name, m.aliases AS aliases, m.props AS props, m.count AS count
ORDER BY id, article
