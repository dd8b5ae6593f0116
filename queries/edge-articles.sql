-- name: edge-articles
WITH a AS (
  SELECT nid FROM node_keys WHERE key = :source
), b AS (
  SELECT nid FROM node_keys WHERE key = :target
), x AS (
  SELECT a.nid AS an, b.nid AS bn, e.eid AS eid
  FROM a CROSS JOIN edges e ON e.src = a.nid AND e.type = :rel JOIN b ON b.nid = e.dst
  UNION ALL
  SELECT a.nid, b.nid, e.eid
  FROM a CROSS JOIN edges e ON e.dst = a.nid AND e.type = :rel JOIN b ON b.nid = e.src
  WHERE :rel IN ('PARTNER_OF', 'MET')
)
SELECT e.type AS rel, an.name AS source, an.id AS source_id, bn.name AS target, bn.id AS target_id,
       art.id AS article, art.title AS title, art.date AS date,
       j.value ->> 2 AS sentence, j.value ->> 0 AS start_byte
FROM x
JOIN edges e ON e.eid = x.eid
JOIN nodes an ON an.nid = x.an
JOIN nodes bn ON bn.nid = x.bn
JOIN edge_facts f ON f.eid = x.eid
JOIN articles art ON art.aid = f.aid,
     json_each(f.evidence) j
ORDER BY source_id, target_id, article, start_byte, e.key
