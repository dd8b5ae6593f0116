// name: roles-in
// description: The place (or organisations named after it) and the people holding roles there
// param: place key  City, country or organisation name, any spelling (e.g. Hanoi)
CALL {
  CALL db.index.fulltext.queryNodes('kg_names', 'keys:"' + reduce(s = $place, ch IN [' ', '\u00A0', '\t', '-', '\'', '’', '.', ',', '(', ')', '/', '&', ':', ';', '"', '\\', '!', '?', '+', '*', '~', '^', '[', ']', '{', '}', '|', '_'] | replace(s, ch, '')) + '"') YIELD node AS b
  WITH b WHERE b:City OR b:Country RETURN b
  UNION
  CALL db.index.fulltext.queryNodes('kg_names', 'keys:*' + reduce(s = $place, ch IN [' ', '\u00A0', '\t', '-', '\'', '’', '.', ',', '(', ')', '/', '&', ':', ';', '"', '\\', '!', '?', '+', '*', '~', '^', '[', ']', '{', '}', '|', '_'] | replace(s, ch, '')) + '*') YIELD node AS b
  WITH b WHERE b:Organization RETURN b
}
MATCH g = (p:Person)-[r:HOLDS_ROLE]->(b)
RETURN g
