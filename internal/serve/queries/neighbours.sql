-- name: neighbours
-- edges.n_articles is kept by the writer (docs/STORE.md): no fact is read.
-- Each end's relations come in (n_articles DESC) order from the indexes
-- edges(src, n_articles DESC) and edges(dst, n_articles DESC) (the id is a
-- scalar subquery, not a join, so the planner keeps that order and sorts
-- only the ties by key); the two are merged and reading stops at the
-- limit (a hub has thousands). Only the kept ones are joined to their
-- nodes and props.
WITH top AS (
  SELECT e.eid AS eid, e.dst AS other, e.n_articles AS articles, e.key AS key
  FROM edges e WHERE e.src = (SELECT nid FROM nodes WHERE id = :id)
  UNION ALL
  SELECT e.eid, e.src, e.n_articles, e.key
  FROM edges e WHERE e.dst = (SELECT nid FROM nodes WHERE id = :id)
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
