// name: edge-articles
// description: The articles behind a relation: every sentence that states it, with its article
// param: rel rel  Relation type (e.g. PARTNER_OF or partner-of)
// param: source key  Name or alias of the first entity (the "from" side of a directed relation)
// param: target key  Name or alias of the second entity
// columns: rel, source, source_id, target, target_id, article, title, date, sentence, start_byte:int
CALL db.index.fulltext.queryNodes('kg_names', 'keys:"' + reduce(s = $source, ch IN [' ', '\u00A0', '\t', '-', '\'', '’', '.', ',', '(', ')', '/', '&', ':', ';', '"', '\\', '!', '?', '+', '*', '~', '^', '[', ']', '{', '}', '|', '_'] | replace(s, ch, '')) + '"') YIELD node AS a
WITH a WHERE (a:Person OR a:City OR a:Country OR a:Organization OR a:Event)
CALL db.index.fulltext.queryNodes('kg_names', 'keys:"' + reduce(s = $target, ch IN [' ', '\u00A0', '\t', '-', '\'', '’', '.', ',', '(', ')', '/', '&', ':', ';', '"', '\\', '!', '?', '+', '*', '~', '^', '[', ']', '{', '}', '|', '_'] | replace(s, ch, '')) + '"') YIELD node AS b
WITH a, b WHERE (b:Person OR b:City OR b:Country OR b:Organization OR b:Event)
MATCH (a)-[r]-(b)
WHERE type(r) = $rel AND (startNode(r) = a OR type(r) IN ['PARTNER_OF', 'MET'])
// each article's evidence is on its Source node (a graph imported from kg export keeps the
// evidence of all as lists on the relationship)
UNWIND CASE WHEN r.ev_sentences IS NULL
         THEN COLLECT { MATCH (s:Source {of: r.key}) WHERE s.article IS NOT NULL UNWIND range(0, size(s.sentences) - 1) AS i
                        RETURN {article: s.article, sentence: s.sentences[i], start: s.starts[i]} }
         ELSE [i IN range(0, size(r.ev_sentences) - 1) | {article: r.ev_articles[i], sentence: r.ev_sentences[i], start: r.ev_starts[i]}]
       END AS ev
OPTIONAL MATCH (art:Article {id: ev.article})
RETURN type(r) AS rel, a.name AS source, a.id AS source_id, b.name AS target, b.id AS target_id,
       ev.article AS article,
       // an article imported by neo4j-admin has no property for an empty title or date
       CASE WHEN art IS NULL THEN null ELSE coalesce(art.title, '') END AS title,
       CASE WHEN art IS NULL THEN null ELSE coalesce(art.date, '') END AS date,
       ev.sentence AS sentence, ev.start AS start_byte
ORDER BY source_id, target_id, article, start_byte, r.key
