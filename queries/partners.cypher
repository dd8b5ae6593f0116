// name: partners
// description: Partners of a city (twinning, partnership, cooperation agreement), with kind, since and evidence
// param: city key  City name or alias, any spelling (e.g. Hanoi, Hà Nội, Hanoï)
// columns: city, city_id, partner, partner_id, kind, since:int, sentences:list, articles:list
MATCH (c:City)
WHERE $city IN c.keys
MATCH (c)-[r:PARTNER_OF]-(p)
RETURN c.name AS city, c.id AS city_id, p.name AS partner, p.id AS partner_id,
       r.kind AS kind, r.since AS since, coalesce(r.ev_sentences, []) AS sentences, coalesce(r.ev_articles, []) AS articles
ORDER BY city_id, partner_id
