-- name: neighbours
-- edges.n_articles is kept by the writer (docs/STORE.md): no fact is read.
-- The relations are ranked on (eid, n_articles, key) alone, and only the
-- kept ones are joined to their nodes and props (a hub has thousands).
WITH n AS (SELECT nid FROM nodes WHERE id = :id), x AS (
  SELECT e.eid AS eid, e.dst AS other FROM n CROSS JOIN edges e ON e.src = n.nid
  UNION ALL
  SELECT e.eid, e.src FROM n CROSS JOIN edges e ON e.dst = n.nid
), top AS (
  SELECT x.eid AS eid, x.other AS other, e.n_articles AS articles, e.key AS key
  FROM x CROSS JOIN edges e ON e.eid = x.eid
  ORDER BY articles DESC, key
  LIMIT :limit
)
SELECT e.type AS rel, top.key AS key, s.id AS source_id, d.id AS target_id,
       o.id AS other_id, o.label AS other_label, o.name AS other_name, top.articles AS articles,
       e.props ->> 'kind' AS kind, e.props ->> 'since' AS since, e.props ->> 'title' AS title,
       coalesce(e.props ->> 'date', e.props ->> 'as_of') AS date
FROM top
CROSS JOIN edges e ON e.eid = top.eid
JOIN nodes s ON s.nid = e.src
JOIN nodes d ON d.nid = e.dst
JOIN nodes o ON o.nid = top.other
ORDER BY articles DESC, key
