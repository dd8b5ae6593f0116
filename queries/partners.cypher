// name: partners
// description: Partners of a city (twinning, partnership, cooperation agreement): kind, since, how many articles state it, and the first three sentences (edge-articles lists them all)
// param: city key  City name or alias, any spelling (e.g. Hanoi, Hà Nội, Hanoï)
// columns: city, city_id, partner, partner_id, kind, since:int, article_count:int, sentences:list, articles:list
CALL db.index.fulltext.queryNodes('kg_names', 'keys:"' + reduce(s = $city, ch IN [' ', '\u00A0', '\t', '-', '\'', '’', '.', ',', '(', ')', '/', '&', ':', ';', '"', '\\', '!', '?', '+', '*', '~', '^', '[', ']', '{', '}', '|', '_'] | replace(s, ch, '')) + '"') YIELD node AS c
WITH c WHERE c:City
MATCH (c)-[r:PARTNER_OF]-(p)
RETURN c.name AS city, c.id AS city_id, p.name AS partner, p.id AS partner_id,
       r.kind AS kind, r.since AS since, size(coalesce(r.src_articles, [])) AS article_count,
       coalesce(r.ev_sentences, [])[..3] AS sentences, coalesce(r.ev_articles, [])[..3] AS articles
ORDER BY city_id, partner_id
