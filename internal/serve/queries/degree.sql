-- name: degree
WITH n AS (SELECT nid FROM nodes WHERE id = :id), x AS (
  SELECT e.type AS type FROM n CROSS JOIN edges e ON e.src = n.nid
  UNION ALL
  SELECT e.type FROM n CROSS JOIN edges e ON e.dst = n.nid
)
SELECT type AS rel, count(*) AS count FROM x GROUP BY type ORDER BY rel
