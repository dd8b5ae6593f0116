-- name: degree
-- Each end's relations are counted by type in the order of the index
-- edges(src, type) or edges(dst, type) (no sort of a hub's thousands of
-- rows); only the two short lists are merged.
SELECT type AS rel, sum(c) AS count FROM (
  SELECT type, count(*) AS c FROM edges WHERE src = (SELECT nid FROM nodes WHERE id = :id) GROUP BY type
  UNION ALL
  SELECT type, count(*) FROM edges WHERE dst = (SELECT nid FROM nodes WHERE id = :id) GROUP BY type
) GROUP BY type ORDER BY rel
