// name: neighbours
// description: An entity's neighbourhood: every relation one hop away, with the number of evidence sentences
// param: entity key  Name or alias of any entity, any spelling (e.g. Seoul)
// columns: entity, entity_id, rel, direction, neighbour, neighbour_id, label, evidence:int
CALL db.index.fulltext.queryNodes('kg_names', 'keys:"' + reduce(s = $entity, ch IN [' ', '\u00A0', '\t', '-', '\'', '’', '.', ',', '(', ')', '/', '&', ':', ';', '"', '\\', '!', '?', '+', '*', '~', '^', '[', ']', '{', '}', '|', '_'] | replace(s, ch, '')) + '"') YIELD node AS n
WITH n WHERE (n:Person OR n:City OR n:Country OR n:Organization OR n:Event)
MATCH (n)-[r:PARTNER_OF|LOCATED_IN|HELD_IN|HOSTED_BY|PARTICIPATED_IN|HOLDS_ROLE|MET]-(m)
RETURN n.name AS entity, n.id AS entity_id, type(r) AS rel,
       CASE WHEN type(r) IN ['PARTNER_OF', 'MET'] THEN 'both' WHEN startNode(r) = n THEN 'out' ELSE 'in' END AS direction,
       m.name AS neighbour, m.id AS neighbour_id,
       [l IN labels(m) WHERE l IN ['Person', 'City', 'Country', 'Organization', 'Event']][0] AS label,
       coalesce(r.ev_count, size(r.ev_sentences), 0) AS evidence
ORDER BY entity_id, rel, neighbour_id, direction, r.key
