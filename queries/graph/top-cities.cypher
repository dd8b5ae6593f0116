// name: top-cities
// description: The most connected cities and their partnerships between them and others
// param: limit int  How many cities to list (e.g. 10)
MATCH (c:City)
WITH c, COUNT { (c)-[:PARTNER_OF|LOCATED_IN|HELD_IN|HOSTED_BY|PARTICIPATED_IN|HOLDS_ROLE|MET]-() } AS degree
WHERE degree > 0
WITH c ORDER BY degree DESC, c.id LIMIT $limit
OPTIONAL MATCH g = (c)-[:PARTNER_OF]-()
RETURN c, collect(g) AS partners
