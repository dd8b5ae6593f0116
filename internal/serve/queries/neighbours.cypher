// name: neighbours
// description: kg serve: an entity's relations one hop away, the most attested first (articles stating them), then by key
// param: id string  Entity id
// param: limit int  The most rows
// columns: rel, key, source_id, target_id, other_id, other_label, other_name, articles:int, kind, since:int, title, date
CALL {
  MATCH (n:Person {id: $id}) RETURN n
  UNION MATCH (n:City {id: $id}) RETURN n
  UNION MATCH (n:Country {id: $id}) RETURN n
  UNION MATCH (n:Organization {id: $id}) RETURN n
  UNION MATCH (n:Event {id: $id}) RETURN n
}
MATCH (n)-[r:PARTNER_OF|LOCATED_IN|HELD_IN|HOSTED_BY|PARTICIPATED_IN|HOLDS_ROLE|MET]-(m)
WITH r, m, coalesce(r.src_count, size(r.src_articles), 0) AS articles
ORDER BY articles DESC, r.key
LIMIT $limit
RETURN type(r) AS rel, r.key AS key, startNode(r).id AS source_id, endNode(r).id AS target_id,
       m.id AS other_id, [l IN labels(m) WHERE l IN ['Person', 'City', 'Country', 'Organization', 'Event']][0] AS other_label, m.name AS other_name, articles,
       r.kind AS kind, r.since AS since, r.title AS title, coalesce(r.date, r.as_of) AS date
ORDER BY articles DESC, key
