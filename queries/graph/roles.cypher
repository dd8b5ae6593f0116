// name: roles
// description: People and the bodies they hold roles in (HOLDS_ROLE: title, as_of)
// param: person words  Words of the person's name, any spelling; empty for everyone (e.g. nguyen van, or dupont)
MATCH (p:Person)
WHERE any(k IN p.keys WHERE all(w IN $person WHERE k CONTAINS w))
MATCH g = (p)-[r:HOLDS_ROLE]->(b)
RETURN g
