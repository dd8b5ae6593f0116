// name: city-events
// description: Events a city took part in, hosted or was the venue of, by date, with how many participants each had
// param: city key  City name or alias, any spelling (e.g. Hanoi)
// columns: city, city_id, event, event_id, date, role, participants:int, evidence:int
CALL db.index.fulltext.queryNodes('kg_names', 'keys:"' + reduce(s = $city, ch IN [' ', '\u00A0', '\t', '-', '\'', '’', '.', ',', '(', ')', '/', '&', ':', ';', '"', '\\', '!', '?', '+', '*', '~', '^', '[', ']', '{', '}', '|', '_'] | replace(s, ch, '')) + '"') YIELD node AS c
WITH c WHERE c:City
MATCH (c)-[r:PARTICIPATED_IN|HELD_IN|HOSTED_BY]-(e:Event)
WHERE (type(r) = 'PARTICIPATED_IN') = (startNode(r) = c)
RETURN c.name AS city, c.id AS city_id, e.name AS event, e.id AS event_id, e.date AS date,
       CASE type(r) WHEN 'PARTICIPATED_IN' THEN 'participant' WHEN 'HELD_IN' THEN 'venue' ELSE 'host' END AS role,
       COUNT { (e)<-[:PARTICIPATED_IN]-() } AS participants,
       coalesce(r.ev_count, size(r.ev_sentences), 0) AS evidence
ORDER BY date, event_id, role, city_id
