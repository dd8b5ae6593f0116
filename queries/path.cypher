// name: path
// description: Shortest connection between two entities (at most 4 hops); among equally short paths, the first by node ids
// param: source key  Name or alias of the first entity (e.g. Toulouse)
// param: target key  Name or alias of the second entity (e.g. Seoul)
// columns: source, source_id, target, target_id, length:int, names:seq, ids:seq, rels:seq
CALL db.index.fulltext.queryNodes('kg_names', 'keys:"' + reduce(s = $source, ch IN [' ', '\u00A0', '\t', '-', '\'', '’', '.', ',', '(', ')', '/', '&', ':', ';', '"', '\\', '!', '?', '+', '*', '~', '^', '[', ']', '{', '}', '|', '_'] | replace(s, ch, '')) + '"') YIELD node AS a
WITH a WHERE NOT $target IN a.keys AND (a:Person OR a:City OR a:Country OR a:Organization OR a:Event)
CALL db.index.fulltext.queryNodes('kg_names', 'keys:"' + reduce(s = $target, ch IN [' ', '\u00A0', '\t', '-', '\'', '’', '.', ',', '(', ')', '/', '&', ':', ';', '"', '\\', '!', '?', '+', '*', '~', '^', '[', ']', '{', '}', '|', '_'] | replace(s, ch, '')) + '"') YIELD node AS b
WITH a, b WHERE NOT $source IN b.keys AND (b:Person OR b:City OR b:Country OR b:Organization OR b:Event)
MATCH p = allShortestPaths((a)-[:PARTNER_OF|LOCATED_IN|HELD_IN|HOSTED_BY|PARTICIPATED_IN|HOLDS_ROLE|MET*..4]-(b))
WITH p ORDER BY length(p), [x IN nodes(p) | x.id], [r IN relationships(p) | type(r)]
LIMIT 1
RETURN head(nodes(p)).name AS source, head(nodes(p)).id AS source_id,
       last(nodes(p)).name AS target, last(nodes(p)).id AS target_id, length(p) AS length,
       [x IN nodes(p) | x.name] AS names, [x IN nodes(p) | x.id] AS ids, [r IN relationships(p) | type(r)] AS rels
