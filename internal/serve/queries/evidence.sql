-- name: evidence
WITH e AS (
  SELECT e.eid, e.type, e.src, e.dst FROM edges e WHERE e.key = :key
)
SELECT e.type AS rel, s.id AS source_id, s.name AS source, d.id AS target_id, d.name AS target,
       art.id AS article, art.title AS title, art.date AS date, art.url AS url,
       j.value ->> 2 AS sentence, j.value ->> 0 AS start_byte
FROM e
JOIN nodes s ON s.nid = e.src
JOIN nodes d ON d.nid = e.dst
JOIN edge_facts f ON f.eid = e.eid
JOIN articles art ON art.aid = f.aid,
     json_each(f.evidence) j
WHERE s.id = :id OR d.id = :id
ORDER BY article, start_byte
LIMIT :limit
