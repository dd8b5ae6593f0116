// name: participants
// description: Participants of an event found by words of its name, with evidence
// param: event words  Words of the event's name, in any of its languages (e.g. 12th conference decentralised)
// columns: event, event_id, date, participant, participant_id, label, sentences:list
CALL db.index.fulltext.queryNodes('kg_names', reduce(q = '', w IN $event | q + ' +keys:*' + reduce(s = w, ch IN [' ', '\u00A0', '\t', '-', '\'', '’', '.', ',', '(', ')', '/', '&', ':', ';', '"', '\\', '!', '?', '+', '*', '~', '^', '[', ']', '{', '}', '|', '_'] | replace(s, ch, '')) + '*')) YIELD node AS e
WITH e WHERE e:Event AND any(k IN e.keys WHERE all(w IN $event WHERE k CONTAINS toLower(w)))
MATCH (p)-[r:PARTICIPATED_IN]->(e)
RETURN e.name AS event, e.id AS event_id, e.date AS date, p.name AS participant, p.id AS participant_id,
       [l IN labels(p) WHERE l IN ['Person', 'City', 'Country', 'Organization', 'Event']][0] AS label,
       
       CASE WHEN r.ev_sentences IS NULL THEN COLLECT { MATCH (s:Source {of: r.key}) WHERE s.article IS NOT NULL WITH s ORDER BY s.of, s.article UNWIND s.sentences AS x RETURN x } ELSE r.ev_sentences END AS sentences
ORDER BY event_id, label, participant_id
