-- name: path
-- Bidirectional search that stays cheap when an end is a hub. a1 and b1
-- are the neighbours of the source and target candidates (one index
-- lookup per candidate). The length L is 1 if a source is in b1, 2 if a1
-- and b1 meet, 3 if an edge joins them, 4 if a neighbour of the smaller
-- of a1 and b1 has a neighbour in the other; each test stops at its
-- first hit and the later ones run only when the earlier ones fail, so a
-- hub's 2-hop neighbourhood (the whole graph) is never built.
-- Then a walk from the first source (by id) that reaches a target in L
-- hops steps each time to the smallest node id that is one hop closer to
-- the targets, which gives the first shortest path by node ids, the one
-- the Cypher's ORDER BY picks. Candidates are tried in id order and the
-- first that passes wins. On a shortest path a node's distance to the
-- targets is at least the remaining hops, so "one hop closer" is "at
-- most rem - 1 hops from b0": in b0, in b1, next to b1, or next to a node
-- next to b1.
WITH RECURSIVE
  a0(nid) AS MATERIALIZED (
    SELECT nid FROM node_keys WHERE key = :source
    EXCEPT SELECT nid FROM node_keys WHERE key = :target
  ),
  b0(nid) AS MATERIALIZED (
    SELECT nid FROM node_keys WHERE key = :target
    EXCEPT SELECT nid FROM node_keys WHERE key = :source
  ),
  a1(nid) AS MATERIALIZED (
    SELECT e.dst FROM a0 CROSS JOIN edges e ON e.src = a0.nid
    UNION
    SELECT e.src FROM a0 CROSS JOIN edges e ON e.dst = a0.nid
    EXCEPT SELECT nid FROM a0
  ),
  b1(nid) AS MATERIALIZED (
    SELECT e.dst FROM b0 CROSS JOIN edges e ON e.src = b0.nid
    UNION
    SELECT e.src FROM b0 CROSS JOIN edges e ON e.dst = b0.nid
    EXCEPT SELECT nid FROM b0
  ),
  sz(small_a) AS MATERIALIZED (
    SELECT (SELECT count(*) FROM a1) <= (SELECT count(*) FROM b1)
  ),
  len(l) AS MATERIALIZED (
    SELECT CASE
      WHEN EXISTS (SELECT 1 FROM a0 WHERE a0.nid IN b1) THEN 1
      WHEN EXISTS (SELECT 1 FROM a1 WHERE a1.nid IN b1) THEN 2
      WHEN sz.small_a AND EXISTS (
             SELECT 1 FROM a1 CROSS JOIN edges e ON e.src = a1.nid WHERE e.dst IN b1
             UNION ALL
             SELECT 1 FROM a1 CROSS JOIN edges e ON e.dst = a1.nid WHERE e.src IN b1) THEN 3
      WHEN NOT sz.small_a AND EXISTS (
             SELECT 1 FROM b1 CROSS JOIN edges e ON e.src = b1.nid WHERE e.dst IN a1
             UNION ALL
             SELECT 1 FROM b1 CROSS JOIN edges e ON e.dst = b1.nid WHERE e.src IN a1) THEN 3
      WHEN sz.small_a AND EXISTS (
             SELECT 1 FROM a1 CROSS JOIN edges e ON e.src = a1.nid
             WHERE EXISTS (SELECT 1 FROM edges f WHERE f.src = e.dst AND f.dst IN b1)
                OR EXISTS (SELECT 1 FROM edges f WHERE f.dst = e.dst AND f.src IN b1)
             UNION ALL
             SELECT 1 FROM a1 CROSS JOIN edges e ON e.dst = a1.nid
             WHERE EXISTS (SELECT 1 FROM edges f WHERE f.src = e.src AND f.dst IN b1)
                OR EXISTS (SELECT 1 FROM edges f WHERE f.dst = e.src AND f.src IN b1)) THEN 4
      WHEN NOT sz.small_a AND EXISTS (
             SELECT 1 FROM b1 CROSS JOIN edges e ON e.src = b1.nid
             WHERE EXISTS (SELECT 1 FROM edges f WHERE f.src = e.dst AND f.dst IN a1)
                OR EXISTS (SELECT 1 FROM edges f WHERE f.dst = e.dst AND f.src IN a1)
             UNION ALL
             SELECT 1 FROM b1 CROSS JOIN edges e ON e.dst = b1.nid
             WHERE EXISTS (SELECT 1 FROM edges f WHERE f.src = e.src AND f.dst IN a1)
                OR EXISTS (SELECT 1 FROM edges f WHERE f.dst = e.src AND f.src IN a1)) THEN 4
    END
    FROM sz
  ),
  -- The first source (by id) at distance l from the targets; with one
  -- source candidate, that is it.
  start(nid, l) AS MATERIALIZED (
    SELECT c.nid, len.l
    FROM len, (SELECT a0.nid, n.id FROM a0 CROSS JOIN nodes n ON n.nid = a0.nid ORDER BY n.id LIMIT -1) c
    WHERE len.l IS NOT NULL AND (
      (SELECT count(*) FROM a0) = 1
      OR (len.l = 1 AND c.nid IN b1)
      OR (len.l = 2 AND EXISTS (
            SELECT 1 FROM edges e WHERE e.src = c.nid AND e.dst IN b1
            UNION ALL SELECT 1 FROM edges e WHERE e.dst = c.nid AND e.src IN b1))
      OR (len.l = 3 AND EXISTS (
            SELECT 1 FROM (SELECT e.dst AS z FROM edges e WHERE e.src = c.nid
                           UNION ALL SELECT e.src FROM edges e WHERE e.dst = c.nid) x
            WHERE EXISTS (SELECT 1 FROM edges f WHERE f.src = x.z AND f.dst IN b1)
               OR EXISTS (SELECT 1 FROM edges f WHERE f.dst = x.z AND f.src IN b1)))
      OR (len.l = 4 AND EXISTS (
            SELECT 1 FROM (SELECT e.dst AS z FROM edges e WHERE e.src = c.nid
                           UNION ALL SELECT e.src FROM edges e WHERE e.dst = c.nid) x
            WHERE EXISTS (
              SELECT 1 FROM (SELECT e.dst AS z FROM edges e WHERE e.src = x.z
                             UNION ALL SELECT e.src FROM edges e WHERE e.dst = x.z) y
              WHERE EXISTS (SELECT 1 FROM edges f WHERE f.src = y.z AND f.dst IN b1)
                 OR EXISTS (SELECT 1 FROM edges f WHERE f.dst = y.z AND f.src IN b1)))))
    LIMIT 1
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
    CROSS JOIN nodes y ON y.nid = (
      SELECT c.nid FROM (
        SELECT n2.nid, n2.id FROM (
          SELECT e.dst AS nid FROM edges e WHERE e.src = w.nid
          UNION SELECT e.src FROM edges e WHERE e.dst = w.nid) nb
        CROSS JOIN nodes n2 ON n2.nid = nb.nid
        ORDER BY n2.id LIMIT -1) c
      WHERE (w.rem = 1 AND c.nid IN b0)
         OR (w.rem = 2 AND c.nid IN b1)
         OR (w.rem = 3 AND (EXISTS (SELECT 1 FROM edges f WHERE f.src = c.nid AND f.dst IN b1)
                         OR EXISTS (SELECT 1 FROM edges f WHERE f.dst = c.nid AND f.src IN b1)))
         OR (w.rem = 4 AND EXISTS (
               SELECT 1 FROM (SELECT e.dst AS z FROM edges e WHERE e.src = c.nid
                              UNION ALL SELECT e.src FROM edges e WHERE e.dst = c.nid) x
               WHERE EXISTS (SELECT 1 FROM edges f WHERE f.src = x.z AND f.dst IN b1)
                  OR EXISTS (SELECT 1 FROM edges f WHERE f.dst = x.z AND f.src IN b1)))
      LIMIT 1)
    WHERE w.rem > 0
  )
SELECT sn.name AS source, sn.id AS source_id, tn.name AS target, tn.id AS target_id,
       s.l AS length, w.names AS names, w.ids AS ids, w.rels AS rels
FROM walk w, start s
JOIN nodes sn ON sn.nid = s.nid
JOIN nodes tn ON tn.nid = w.nid
WHERE w.rem = 0
