// name: roles-in
// description: Roles held in a place: office holders of the place itself and of organisations whose name contains it
// param: place key  City, country or organisation name, any spelling (e.g. Hanoi)
// columns: person, person_id, title, body, body_id, as_of
CALL {
  CALL db.index.fulltext.queryNodes('kg_names', 'keys:"' + reduce(s = $place, ch IN [' ', '\u00A0', '\t', '-', '\'', '’', '.', ',', '(', ')', '/', '&', ':', ';', '"', '\\', '!', '?', '+', '*', '~', '^', '[', ']', '{', '}', '|', '_'] | replace(s, ch, '')) + '"') YIELD node AS b
  WITH b WHERE b:City OR b:Country RETURN b
  UNION
  CALL db.index.fulltext.queryNodes('kg_names', 'keys:*' + reduce(s = $place, ch IN [' ', '\u00A0', '\t', '-', '\'', '’', '.', ',', '(', ')', '/', '&', ':', ';', '"', '\\', '!', '?', '+', '*', '~', '^', '[', ']', '{', '}', '|', '_'] | replace(s, ch, '')) + '*') YIELD node AS b
  WITH b WHERE b:Organization RETURN b
}
MATCH (p:Person)-[r:HOLDS_ROLE]->(b)
RETURN p.name AS person, p.id AS person_id, r.title AS title, b.name AS body, b.id AS body_id, r.as_of AS as_of
ORDER BY body_id, person_id, title, r.key
