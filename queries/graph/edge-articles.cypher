// name: edge-articles
// description: The relation between two entities and the articles whose sentences state it
// param: rel rel  Relation type (e.g. PARTNER_OF or partner-of)
// param: source key  Name or alias of the first entity (the "from" side of a directed relation)
// param: target key  Name or alias of the second entity
CALL db.index.fulltext.queryNodes('kg_names', 'keys:"' + reduce(s = $source, ch IN [' ', '\u00A0', '\t', '-', '\'', '’', '.', ',', '(', ')', '/', '&', ':', ';', '"', '\\', '!', '?', '+', '*', '~', '^', '[', ']', '{', '}', '|', '_'] | replace(s, ch, '')) + '"') YIELD node AS a
WITH a WHERE (a:Person OR a:City OR a:Country OR a:Organization OR a:Event)
CALL db.index.fulltext.queryNodes('kg_names', 'keys:"' + reduce(s = $target, ch IN [' ', '\u00A0', '\t', '-', '\'', '’', '.', ',', '(', ')', '/', '&', ':', ';', '"', '\\', '!', '?', '+', '*', '~', '^', '[', ']', '{', '}', '|', '_'] | replace(s, ch, '')) + '"') YIELD node AS b
WITH a, b WHERE (b:Person OR b:City OR b:Country OR b:Organization OR b:Event)
MATCH g = (a)-[r]-(b)
WHERE type(r) = $rel AND (startNode(r) = a OR type(r) IN ['PARTNER_OF', 'MET'])
OPTIONAL MATCH m = (art:Article)-[:MENTIONS]->(a)
WHERE art.id IN coalesce(r.ev_articles, COLLECT { MATCH (s:Source {of: r.key}) WHERE s.article IS NOT NULL AND size(s.sentences) > 0 RETURN s.article })
RETURN g, collect(m) AS articles
