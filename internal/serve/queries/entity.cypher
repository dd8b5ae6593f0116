// name: entity
// description: kg serve: one entity by id, with its properties and the number of articles that mention it
// param: id string  Entity id (e.g. city:hanoi)
// columns: id, label, name, aliases:list, country, date, kind, ordinal:int, place, type, articles:int
CALL {
  MATCH (n:Person {id: $id}) RETURN n
  UNION MATCH (n:City {id: $id}) RETURN n
  UNION MATCH (n:Country {id: $id}) RETURN n
  UNION MATCH (n:Organization {id: $id}) RETURN n
  UNION MATCH (n:Event {id: $id}) RETURN n
}
WITH n AS m
RETURN m.id AS id, [l IN labels(m) WHERE l IN ['Person', 'City', 'Country', 'Organization', 'Event']][0] AS label, m.name AS name, m.aliases AS aliases,
       m.country AS country, m.date AS date, m.kind AS kind, m.ordinal AS ordinal, m.place AS place, m.type AS type,
       COUNT { (m)<-[:MENTIONS]-(:Article) } AS articles
