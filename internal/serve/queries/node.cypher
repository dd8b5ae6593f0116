// name: node
// description: kg serve: one entity's id, label and name (what a graph draws), by id
// param: id string  Entity id (e.g. city:hanoi)
// columns: id, label, name
CALL {
  MATCH (n:Person {id: $id}) RETURN n
  UNION MATCH (n:City {id: $id}) RETURN n
  UNION MATCH (n:Country {id: $id}) RETURN n
  UNION MATCH (n:Organization {id: $id}) RETURN n
  UNION MATCH (n:Event {id: $id}) RETURN n
}
RETURN n.id AS id, [l IN labels(n) WHERE l IN ['Person', 'City', 'Country', 'Organization', 'Event']][0] AS label, n.name AS name
