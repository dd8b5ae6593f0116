-- name: path
-- Meet in the middle: distances up to 2 hops from each source candidate
-- and from the target candidates give the shortest length L (at most 4);
-- then a walk from the first source (by id) that can reach the target in
-- L hops, stepping each time to the smallest node id that is one hop
-- closer, yields the first shortest path by node ids, the one the
-- Cypher's ORDER BY picks. A node at distance 3 from the targets is one
-- with a neighbour at distance 2.
WITH RECURSIVE
  a(nid) AS (
    SELECT nid FROM node_keys WHERE key = :source
    EXCEPT SELECT nid FROM node_keys WHERE key = :target
  ),
  b(nid) AS (
    SELECT nid FROM node_keys WHERE key = :target
    EXCEPT SELECT nid FROM node_keys WHERE key = :source
  ),
  ra(src, nid, d) AS (
    SELECT nid, nid, 0 FROM a
    UNION
    SELECT r.src, e.dst, r.d + 1 FROM ra r JOIN edges e ON e.src = r.nid WHERE r.d < 2
    UNION
    SELECT r.src, e.src, r.d + 1 FROM ra r JOIN edges e ON e.dst = r.nid WHERE r.d < 2
  ),
  rb(nid, d) AS (
    SELECT nid, 0 FROM b
    UNION
    SELECT e.dst, r.d + 1 FROM rb r JOIN edges e ON e.src = r.nid WHERE r.d < 2
    UNION
    SELECT e.src, r.d + 1 FROM rb r JOIN edges e ON e.dst = r.nid WHERE r.d < 2
  ),
  db(nid, d) AS MATERIALIZED (
    SELECT nid, min(d) FROM rb GROUP BY nid
  ),
  lens(src, l) AS MATERIALIZED (
    SELECT ra.src, min(ra.d + db.d) FROM ra JOIN db ON db.nid = ra.nid GROUP BY ra.src
  ),
  start(nid, l) AS (
    SELECT lens.src, lens.l FROM lens JOIN nodes n ON n.nid = lens.src
    WHERE lens.l = (SELECT min(l) FROM lens)
    ORDER BY n.id LIMIT 1
  ),
  walk(nid, rem, names, ids, rels) AS (
    SELECT s.nid, s.l, json_array(n.name), json_array(n.id), json_array()
    FROM start s JOIN nodes n ON n.nid = s.nid
    UNION ALL
    SELECT y.nid, w.rem - 1,
           json_insert(w.names, '$[#]', y.name),
           json_insert(w.ids, '$[#]', y.id),
           json_insert(w.rels, '$[#]', (SELECT min(e.type) FROM edges e
                                         WHERE (e.src = w.nid AND e.dst = y.nid) OR (e.src = y.nid AND e.dst = w.nid)))
    FROM walk w
    CROSS JOIN nodes y ON y.id = (
      SELECT n2.id FROM edges e CROSS JOIN nodes n2 ON n2.nid = e.dst
      WHERE e.src = w.nid AND (
        (w.rem <= 3 AND EXISTS (SELECT 1 FROM db WHERE db.nid = e.dst AND db.d = w.rem - 1))
        OR (w.rem = 4 AND (EXISTS (SELECT 1 FROM edges f JOIN db ON db.nid = f.dst WHERE f.src = e.dst AND db.d = 2)
                        OR EXISTS (SELECT 1 FROM edges f JOIN db ON db.nid = f.src WHERE f.dst = e.dst AND db.d = 2))))
      UNION
      SELECT n2.id FROM edges e CROSS JOIN nodes n2 ON n2.nid = e.src
      WHERE e.dst = w.nid AND (
        (w.rem <= 3 AND EXISTS (SELECT 1 FROM db WHERE db.nid = e.src AND db.d = w.rem - 1))
        OR (w.rem = 4 AND (EXISTS (SELECT 1 FROM edges f JOIN db ON db.nid = f.dst WHERE f.src = e.src AND db.d = 2)
                        OR EXISTS (SELECT 1 FROM edges f JOIN db ON db.nid = f.src WHERE f.dst = e.src AND db.d = 2))))
      ORDER BY 1 LIMIT 1)
    WHERE w.rem > 0
  )
SELECT sn.name AS source, sn.id AS source_id, tn.name AS target, tn.id AS target_id,
       s.l AS length, w.names AS names, w.ids AS ids, w.rels AS rels
FROM walk w, start s
JOIN nodes sn ON sn.nid = s.nid
JOIN nodes tn ON tn.nid = w.nid
WHERE w.rem = 0
