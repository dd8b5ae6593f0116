-- name: top-cities
SELECT city, city_id, degree, partners FROM (
  SELECT c.name AS city, c.id AS city_id,
         (SELECT count(*) FROM edges e WHERE e.src = c.nid)
           + (SELECT count(*) FROM edges e WHERE e.dst = c.nid) AS degree,
         (SELECT count(*) FROM edges e WHERE e.src = c.nid AND e.type = 'PARTNER_OF')
           + (SELECT count(*) FROM edges e WHERE e.dst = c.nid AND e.type = 'PARTNER_OF') AS partners
  FROM nodes c
  WHERE c.label = 'City'
)
WHERE degree > 0
ORDER BY degree DESC, city_id
LIMIT :limit
