// name: top-cities
// description: Most connected cities: how many relations each city has (and how many partners), most first
// param: limit int  How many cities to list (e.g. 10)
// columns: city, city_id, degree:int, partners:int
MATCH (c:City)
WITH c, COUNT { (c)-[:PARTNER_OF|LOCATED_IN|HELD_IN|HOSTED_BY|PARTICIPATED_IN|HOLDS_ROLE|MET]-() } AS degree,
     COUNT { (c)-[:PARTNER_OF]-() } AS partners
WHERE degree > 0
RETURN c.name AS city, c.id AS city_id, degree, partners
ORDER BY degree DESC, city_id
LIMIT $limit
