// name: partners
// description: Partners of a city (twinning, partnership, cooperation agreement): kind, since, how many articles state it, and the first three sentences (edge-articles lists them all)
// param: city key  City name or alias, any spelling (e.g. Hanoi, Hà Nội, Hanoï)
// columns: city, city_id, partner, partner_id, kind, since:int, article_count:int, sentences:list, articles:list
MATCH (c:City)
WHERE $city IN c.keys
MATCH (c)-[r:PARTNER_OF]-(p)
WITH c, r, p, coalesce(r.ev_articles, []) AS arts
RETURN c.name AS city, c.id AS city_id, p.name AS partner, p.id AS partner_id,
       r.kind AS kind, r.since AS since,
       size([i IN range(0, size(arts) - 1) WHERE i = 0 OR arts[i] <> arts[i - 1]]) AS article_count,
       coalesce(r.ev_sentences, [])[..3] AS sentences, arts[..3] AS articles
ORDER BY city_id, partner_id
