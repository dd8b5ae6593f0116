// name: event-counts
// description: Counts stated about an event found by words of its name (localities, delegates…), with evidence
// param: event words  Words of the event's name, in any of its languages (e.g. 12th conference decentralised)
// columns: event, event_id, count:float, unit, country, approx:bool, sentences:list
CALL db.index.fulltext.queryNodes('kg_names', reduce(q = '', w IN $event | q + ' +keys:*' + reduce(s = w, ch IN [' ', '\u00A0', '\t', '-', '\'', '’', '.', ',', '(', ')', '/', '&', ':', ';', '"', '\\', '!', '?', '+', '*', '~', '^', '[', ']', '{', '}', '|', '_'] | replace(s, ch, '')) + '*')) YIELD node AS e
WITH e WHERE e:Event AND any(k IN e.keys WHERE all(w IN $event WHERE k CONTAINS toLower(w)))
MATCH (q:Quantity)-[:QUANTIFIES]->(e)
OPTIONAL MATCH (q)-[:OF]->(c)
RETURN e.name AS event, e.id AS event_id, q.count AS count, q.unit AS unit, c.name AS country,
       q.approx AS approx, 
       CASE WHEN q.ev_sentences IS NULL THEN COLLECT { MATCH (s:Source {of: q.key}) WHERE s.article IS NOT NULL WITH s ORDER BY s.of, s.article UNWIND s.sentences AS x RETURN x } ELSE q.ev_sentences END AS sentences
ORDER BY event_id, count DESC, q.key
