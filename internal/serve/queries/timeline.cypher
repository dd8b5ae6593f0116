// name: timeline
// description: kg serve: an entity's dated relations, by date: events with their date, meetings, roles (as of), partnerships (since)
// param: id string  Entity id
// param: limit int  The most rows
// columns: date, rel, key, other_id, other_label, other_name
CALL {
  MATCH (n:Person {id: $id}) RETURN n
  UNION MATCH (n:City {id: $id}) RETURN n
  UNION MATCH (n:Country {id: $id}) RETURN n
  UNION MATCH (n:Organization {id: $id}) RETURN n
  UNION MATCH (n:Event {id: $id}) RETURN n
}
MATCH (n)-[r:PARTNER_OF|LOCATED_IN|HELD_IN|HOSTED_BY|PARTICIPATED_IN|HOLDS_ROLE|MET]-(m)
WITH r, m, coalesce(r.date, r.as_of, CASE WHEN m:Event THEN m.date END, toString(r.since)) AS date
WHERE date IS NOT NULL AND date <> ''
RETURN date, type(r) AS rel, r.key AS key, m.id AS other_id, [l IN labels(m) WHERE l IN ['Person', 'City', 'Country', 'Organization', 'Event']][0] AS other_label, m.name AS other_name
ORDER BY date, rel, other_id, key
LIMIT $limit
