// name: neighbours
// description: The entity and everything one relation away
// param: entity key  Name or alias of any entity, any spelling (e.g. Seoul)
CALL db.index.fulltext.queryNodes('kg_names', 'keys:"' + reduce(s = $entity, ch IN [' ', '\u00A0', '\t', '-', '\'', '’', '.', ',', '(', ')', '/', '&', ':', ';', '"', '\\', '!', '?', '+', '*', '~', '^', '[', ']', '{', '}', '|', '_'] | replace(s, ch, '')) + '"') YIELD node AS n
WITH n WHERE (n:Person OR n:City OR n:Country OR n:Organization OR n:Event)
MATCH g = (n)-[r:PARTNER_OF|LOCATED_IN|HELD_IN|HOSTED_BY|PARTICIPATED_IN|HOLDS_ROLE|MET]-(m)
RETURN g
