-- name: search
-- The primary key of node_keys (key, nid) answers the prefix range.
WITH hit AS (
  SELECT k.nid AS nid, max(k.key = :key) AS exact
  FROM node_keys k
  WHERE k.key >= :key AND k.key < :key || char(1114111)
  GROUP BY k.nid
)
SELECT n.id AS id, n.label AS label, n.name AS name, n.aliases AS aliases, hit.exact AS exact
FROM hit CROSS JOIN nodes n ON n.nid = hit.nid
ORDER BY exact DESC, length(n.name), n.id
LIMIT :limit
