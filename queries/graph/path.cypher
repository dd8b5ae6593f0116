// name: path
// description: The shortest connection between two entities, drawn
// param: source key  Name or alias of the first entity (e.g. Toulouse)
// param: target key  Name or alias of the second entity (e.g. Seoul)
CALL db.index.fulltext.queryNodes('kg_names', 'keys:"' + reduce(s = $source, ch IN [' ', '\u00A0', '\t', '-', '\'', '’', '.', ',', '(', ')', '/', '&', ':', ';', '"', '\\', '!', '?', '+', '*', '~', '^', '[', ']', '{', '}', '|', '_'] | replace(s, ch, '')) + '"') YIELD node AS a
WITH a WHERE NOT $target IN a.keys AND (a:Person OR a:City OR a:Country OR a:Organization OR a:Event)
CALL db.index.fulltext.queryNodes('kg_names', 'keys:"' + reduce(s = $target, ch IN [' ', '\u00A0', '\t', '-', '\'', '’', '.', ',', '(', ')', '/', '&', ':', ';', '"', '\\', '!', '?', '+', '*', '~', '^', '[', ']', '{', '}', '|', '_'] | replace(s, ch, '')) + '"') YIELD node AS b
WITH a, b WHERE NOT $source IN b.keys AND (b:Person OR b:City OR b:Country OR b:Organization OR b:Event)
MATCH p = allShortestPaths((a)-[:PARTNER_OF|LOCATED_IN|HELD_IN|HOSTED_BY|PARTICIPATED_IN|HOLDS_ROLE|MET*..4]-(b))
WITH p ORDER BY length(p), [x IN nodes(p) | x.id], [r IN relationships(p) | type(r)]
LIMIT 1
RETURN p
