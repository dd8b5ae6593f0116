-- name: neighbours
-- evidence: edges.n_sentences, the relation's evidence sentences, kept by the
-- writer (docs/STORE.md), so that a hub's relations are listed without
-- reading their facts.
WITH n AS (
  SELECT k.nid FROM node_keys k WHERE k.key = :entity
), nb AS (
  SELECT n.nid AS me, e.eid AS eid, e.dst AS other,
         CASE WHEN e.type IN ('PARTNER_OF', 'MET') THEN 'both' ELSE 'out' END AS direction
  FROM n CROSS JOIN edges e ON e.src = n.nid
  UNION ALL
  SELECT n.nid, e.eid, e.src,
         CASE WHEN e.type IN ('PARTNER_OF', 'MET') THEN 'both' ELSE 'in' END
  FROM n CROSS JOIN edges e ON e.dst = n.nid
)
SELECT me.name AS entity, me.id AS entity_id, e.type AS rel, nb.direction AS direction,
       o.name AS neighbour, o.id AS neighbour_id, o.label AS label,
       e.n_sentences AS evidence
FROM nb
JOIN edges e ON e.eid = nb.eid
JOIN nodes me ON me.nid = nb.me
JOIN nodes o ON o.nid = nb.other
ORDER BY entity_id, rel, neighbour_id, direction, e.key
