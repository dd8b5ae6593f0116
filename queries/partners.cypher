// name: partners
// description: Partners of a city (twinning, partnership, cooperation agreement): kind, since, how many articles state it, and the first three sentences (edge-articles lists them all)
// param: city key  City name or alias, any spelling (e.g. Hanoi, Hà Nội, Hanoï)
// columns: city, city_id, partner, partner_id, kind, since:int, article_count:int, sentences:list, articles:list
CALL db.index.fulltext.queryNodes('kg_names', 'keys:"' + reduce(s = $city, ch IN [' ', '\u00A0', '\t', '-', '\'', '’', '.', ',', '(', ')', '/', '&', ':', ';', '"', '\\', '!', '?', '+', '*', '~', '^', '[', ']', '{', '}', '|', '_'] | replace(s, ch, '')) + '"') YIELD node AS c
WITH c WHERE c:City
MATCH (c)-[r:PARTNER_OF]-(p)
// the first three sentences by article: the preview kg ingest --neo4j and kg export keep on the
// relationship (first_sentences, first_articles); else the lists of a graph imported from an
// earlier kg export, or the Source nodes of one loaded by an earlier kg, in (of, article) order
WITH c, p, r,
     CASE WHEN r.first_sentences IS NOT NULL
       THEN [i IN range(0, size(r.first_sentences) - 1) | [r.first_articles[i], r.first_sentences[i]]]
     WHEN r.ev_sentences IS NOT NULL
       THEN [i IN range(0, size(r.ev_sentences) - 1) | [r.ev_articles[i], r.ev_sentences[i]]][..3]
     WHEN r.ev_count > 0
       THEN COLLECT { MATCH (s:Source {of: r.key}) WHERE s.article IS NOT NULL AND size(s.sentences) > 0
                      WITH s ORDER BY s.of, s.article LIMIT 3 UNWIND s.sentences AS x RETURN [s.article, x] }[..3]
       ELSE []
     END AS ev
RETURN c.name AS city, c.id AS city_id, p.name AS partner, p.id AS partner_id,
       r.kind AS kind, r.since AS since, coalesce(r.src_count, size(r.src_articles), 0) AS article_count,
       [e IN ev | e[1]] AS sentences, [e IN ev | e[0]] AS articles
ORDER BY city_id, partner_id
