// name: degree
// description: kg serve: an entity's relations counted by type
// param: id string  Entity id
// columns: rel, count:int
CALL {
  MATCH (n:Person {id: $id}) RETURN n
  UNION MATCH (n:City {id: $id}) RETURN n
  UNION MATCH (n:Country {id: $id}) RETURN n
  UNION MATCH (n:Organization {id: $id}) RETURN n
  UNION MATCH (n:Event {id: $id}) RETURN n
}
MATCH (n)-[r:PARTNER_OF|LOCATED_IN|HELD_IN|HOSTED_BY|PARTICIPATED_IN|HOLDS_ROLE|MET]-()
RETURN type(r) AS rel, count(r) AS count
ORDER BY rel
