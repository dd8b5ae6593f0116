-- name: timeline
WITH n AS (SELECT nid FROM nodes WHERE id = :id), x AS (
  SELECT e.eid AS eid, e.dst AS other FROM n CROSS JOIN edges e ON e.src = n.nid
  UNION ALL
  SELECT e.eid, e.src FROM n CROSS JOIN edges e ON e.dst = n.nid
), d AS (
  SELECT coalesce(e.props ->> 'date', e.props ->> 'as_of',
                  CASE WHEN o.label = 'Event' THEN o.props ->> 'date' END,
                  CAST(e.props ->> 'since' AS TEXT)) AS date,
         e.type AS rel, e.key AS key, o.id AS other_id, o.label AS other_label, o.name AS other_name
  FROM x
  CROSS JOIN edges e ON e.eid = x.eid
  JOIN nodes o ON o.nid = x.other
)
SELECT date, rel, key, other_id, other_label, other_name FROM d
WHERE date IS NOT NULL AND date <> ''
ORDER BY date, rel, other_id, key
LIMIT :limit
