// name: met
// description: Who met whom: meetings between two people, with date, place and evidence
// param: person words  Words of either person's name, any spelling; empty for every meeting (e.g. nguyen, or le van)
// columns: person, person_id, other, other_id, date, place, sentences:list, articles:list
MATCH (a:Person)-[r:MET]->(b:Person)
WHERE any(k IN a.keys WHERE all(w IN $person WHERE k CONTAINS w))
   OR any(k IN b.keys WHERE all(w IN $person WHERE k CONTAINS w))
RETURN a.name AS person, a.id AS person_id, b.name AS other, b.id AS other_id,
       r.date AS date, r.place AS place, 
       CASE WHEN r.ev_sentences IS NULL THEN COLLECT { MATCH (s:Source {of: r.key}) WHERE s.article IS NOT NULL WITH s ORDER BY s.of, s.article UNWIND s.sentences AS x RETURN x } ELSE r.ev_sentences END AS sentences,
       CASE WHEN r.ev_sentences IS NULL THEN COLLECT { MATCH (s:Source {of: r.key}) WHERE s.article IS NOT NULL WITH s ORDER BY s.of, s.article UNWIND s.sentences AS x RETURN s.article } ELSE r.ev_articles END AS articles
ORDER BY date, person_id, other_id
