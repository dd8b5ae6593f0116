-- name: partners
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
       (SELECT json_group_array(j.value ->> 2 ORDER BY a.id, j.value ->> 0)
          FROM edge_facts f JOIN articles a ON a.aid = f.aid, json_each(f.evidence) j
         WHERE f.eid = e.eid) AS sentences,
       (SELECT json_group_array(a.id ORDER BY a.id, j.value ->> 0)
          FROM edge_facts f JOIN articles a ON a.aid = f.aid, json_each(f.evidence) j
         WHERE f.eid = e.eid) AS articles
FROM pe
JOIN edges e ON e.eid = pe.eid
JOIN nodes cn ON cn.nid = pe.cnid
JOIN nodes p ON p.nid = pe.other
ORDER BY city_id, partner_id
