// name: city-events
// description: The city and the events it took part in, hosted or was the venue of
// param: city key  City name or alias, any spelling (e.g. Hanoi)
CALL db.index.fulltext.queryNodes('kg_names', 'keys:"' + reduce(s = $city, ch IN [' ', '\u00A0', '\t', '-', '\'', '’', '.', ',', '(', ')', '/', '&', ':', ';', '"', '\\', '!', '?', '+', '*', '~', '^', '[', ']', '{', '}', '|', '_'] | replace(s, ch, '')) + '"') YIELD node AS c
WITH c WHERE c:City
MATCH g = (c)-[r:PARTICIPATED_IN|HELD_IN|HOSTED_BY]-(e:Event)
WHERE (type(r) = 'PARTICIPATED_IN') = (startNode(r) = c)
RETURN g
