-- name: partners
-- Partners of a city. Per partner: kind, since, how many articles state
-- it, and the first three sentences stating it in (article id, offset)
-- order, with their articles (edge-articles lists them all). The store
-- keeps both on the relation (edges.n_articles, edges.first_evidence:
-- see docs/STORE.md), so a hub with thousands of sentences reads one row
-- per partner, not its facts.
WITH c AS (
  SELECT n.nid FROM node_keys k CROSS JOIN nodes n ON n.nid = k.nid
  WHERE k.key = :city AND n.label = 'City'
), pe AS (
  SELECT c.nid AS cnid, e.eid AS eid, e.dst AS other
  FROM c CROSS JOIN edges e ON e.src = c.nid AND e.type = 'PARTNER_OF'
  UNION ALL
  SELECT c.nid, e.eid, e.src
  FROM c CROSS JOIN edges e ON e.dst = c.nid AND e.type = 'PARTNER_OF'
)
SELECT cn.name AS city, cn.id AS city_id, p.name AS partner, p.id AS partner_id,
       e.props ->> '$.kind' AS kind, e.props ->> '$.since' AS since,
       e.n_articles AS article_count,
       (SELECT json_group_array(j.value ->> 1 ORDER BY j.key) FROM json_each(e.first_evidence) j) AS sentences,
       (SELECT json_group_array(j.value ->> 0 ORDER BY j.key) FROM json_each(e.first_evidence) j) AS articles
FROM pe
JOIN edges e ON e.eid = pe.eid
JOIN nodes cn ON cn.nid = pe.cnid
JOIN nodes p ON p.nid = pe.other
ORDER BY city_id, partner_id
