-- name: city-events
-- evidence: edges.n_sentences, kept by the writer (docs/STORE.md).
WITH c AS (
  SELECT n.nid FROM node_keys k CROSS JOIN nodes n ON n.nid = k.nid
  WHERE k.key = :city AND n.label = 'City'
), ce AS (
  SELECT c.nid AS cnid, e.eid AS eid, e.dst AS ev, 'participant' AS role
  FROM c CROSS JOIN edges e ON e.src = c.nid AND e.type = 'PARTICIPATED_IN'
  UNION ALL
  SELECT c.nid, e.eid, e.src, 'venue'
  FROM c CROSS JOIN edges e ON e.dst = c.nid AND e.type = 'HELD_IN'
  UNION ALL
  SELECT c.nid, e.eid, e.src, 'host'
  FROM c CROSS JOIN edges e ON e.dst = c.nid AND e.type = 'HOSTED_BY'
)
SELECT cn.name AS city, cn.id AS city_id, v.name AS event, v.id AS event_id,
       v.props ->> '$.date' AS date, ce.role AS role,
       (SELECT count(*) FROM edges p WHERE p.dst = v.nid AND p.type = 'PARTICIPATED_IN') AS participants,
       e.n_sentences AS evidence
FROM ce
JOIN edges e ON e.eid = ce.eid
JOIN nodes cn ON cn.nid = ce.cnid
JOIN nodes v ON v.nid = ce.ev AND v.label = 'Event'
ORDER BY date IS NULL, date, event_id, role, city_id
