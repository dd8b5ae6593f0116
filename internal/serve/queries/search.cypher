// name: search
// description: kg serve: entities one of whose folded spellings is the key or starts with it, exact matches first, then shorter names
// param: key key  A name or alias in any spelling, or its beginning (e.g. ha noi)
// param: limit int  The most rows
// columns: id, label, name, aliases:list, exact:bool
CALL db.index.fulltext.queryNodes('kg_names', 'keys:' + reduce(s = $key, ch IN [' ', '\u00A0', '\t', '-', '\'', '’', '.', ',', '(', ')', '/', '&', ':', ';', '"', '\\', '!', '?', '+', '*', '~', '^', '[', ']', '{', '}', '|', '_'] | replace(s, ch, '')) + '*') YIELD node AS m
WITH m WHERE (m:Person OR m:City OR m:Country OR m:Organization OR m:Event)
RETURN m.id AS id, [l IN labels(m) WHERE l IN ['Person', 'City', 'Country', 'Organization', 'Event']][0] AS label, m.name AS name, m.aliases AS aliases, $key IN m.keys AS exact
ORDER BY exact DESC, size(name), id
LIMIT $limit
