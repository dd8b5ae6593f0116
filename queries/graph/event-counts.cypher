// name: event-counts
// description: The event, its stated counts (Quantity nodes) and the countries they count
// param: event words  Words of the event's name, in any of its languages (e.g. 12th conference decentralised)
CALL db.index.fulltext.queryNodes('kg_names', reduce(q = '', w IN $event | q + ' +keys:*' + reduce(s = w, ch IN [' ', '\u00A0', '\t', '-', '\'', '’', '.', ',', '(', ')', '/', '&', ':', ';', '"', '\\', '!', '?', '+', '*', '~', '^', '[', ']', '{', '}', '|', '_'] | replace(s, ch, '')) + '*')) YIELD node AS e
WITH e WHERE e:Event AND any(k IN e.keys WHERE all(w IN $event WHERE k CONTAINS toLower(w)))
MATCH g = (q:Quantity)-[:QUANTIFIES]->(e)
OPTIONAL MATCH o = (q)-[:OF]->(c)
RETURN g, o
