// name: partners
// description: The city and its partners, with the PARTNER_OF relationships (kind, since, evidence sentences on each)
// param: city key  City name or alias, any spelling (e.g. Hanoi, Hà Nội, Hanoï)
CALL db.index.fulltext.queryNodes('kg_names', 'keys:"' + reduce(s = $city, ch IN [' ', '\u00A0', '\t', '-', '\'', '’', '.', ',', '(', ')', '/', '&', ':', ';', '"', '\\', '!', '?', '+', '*', '~', '^', '[', ']', '{', '}', '|', '_'] | replace(s, ch, '')) + '"') YIELD node AS c
WITH c WHERE c:City
MATCH g = (c)-[r:PARTNER_OF]-(p)
RETURN g
