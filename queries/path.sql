-- name: path
-- Breadth-first distances from the target side (at most 4 hops; the 4th
-- hop only towards source candidates), then a walk from the source that
-- always steps to the smallest node id one hop closer: the first shortest
-- path by node ids, the same one the Cypher's ORDER BY picks.
WITH RECURSIVE
  a(nid) AS (
    SELECT nid FROM node_keys WHERE key = :source
    EXCEPT SELECT nid FROM node_keys WHERE key = :target
  ),
  b(nid) AS (
    SELECT nid FROM node_keys WHERE key = :target
    EXCEPT SELECT nid FROM node_keys WHERE key = :source
  ),
  reach(nid, d) AS (
    SELECT nid, 0 FROM b
    UNION
    SELECT e.dst, r.d + 1 FROM reach r JOIN edges e ON e.src = r.nid
    WHERE r.d < 3 OR (r.d = 3 AND e.dst IN a)
    UNION
    SELECT e.src, r.d + 1 FROM reach r JOIN edges e ON e.dst = r.nid
    WHERE r.d < 3 OR (r.d = 3 AND e.src IN a)
  ),
  dist(nid, d) AS MATERIALIZED (
    SELECT nid, min(d) FROM reach GROUP BY nid
  ),
  start(nid, d) AS (
    SELECT dist.nid, dist.d FROM a JOIN dist ON dist.nid = a.nid JOIN nodes n ON n.nid = a.nid
    ORDER BY dist.d, n.id LIMIT 1
  ),
  walk(nid, d, names, ids, rels) AS (
    SELECT s.nid, s.d, json_array(n.name), json_array(n.id), json_array()
    FROM start s JOIN nodes n ON n.nid = s.nid
    UNION ALL
    SELECT y.nid, w.d - 1,
           json_insert(w.names, '$[#]', y.name),
           json_insert(w.ids, '$[#]', y.id),
           json_insert(w.rels, '$[#]', (SELECT min(e.type) FROM edges e
                                         WHERE (e.src = w.nid AND e.dst = y.nid) OR (e.src = y.nid AND e.dst = w.nid)))
    FROM walk w
    CROSS JOIN nodes y ON y.id = (
      SELECT n2.id FROM edges e CROSS JOIN dist ON dist.nid = e.dst CROSS JOIN nodes n2 ON n2.nid = e.dst
      WHERE e.src = w.nid AND dist.d = w.d - 1
      UNION
      SELECT n2.id FROM edges e CROSS JOIN dist ON dist.nid = e.src CROSS JOIN nodes n2 ON n2.nid = e.src
      WHERE e.dst = w.nid AND dist.d = w.d - 1
      ORDER BY 1 LIMIT 1)
    WHERE w.d > 0
  )
SELECT sn.name AS source, sn.id AS source_id, tn.name AS target, tn.id AS target_id,
       s.d AS length, w.names AS names, w.ids AS ids, w.rels AS rels
FROM walk w, start s
JOIN nodes sn ON sn.nid = s.nid
JOIN nodes tn ON tn.nid = w.nid
WHERE w.d = 0
