// name: roles
// description: People and the roles they hold, found by words of their name
// param: person words  Words of the person's name, any spelling; empty for everyone (e.g. nguyen van, or dupont)
// columns: person, person_id, title, body, body_id, as_of
MATCH (p:Person)
WHERE any(k IN p.keys WHERE all(w IN $person WHERE k CONTAINS w))
MATCH (p)-[r:HOLDS_ROLE]->(b)
RETURN p.name AS person, p.id AS person_id, r.title AS title, b.name AS body, b.id AS body_id, r.as_of AS as_of
ORDER BY person_id, body_id, title, r.key
