-- name: roles-in
WITH b AS (
  SELECT n.nid FROM node_keys k CROSS JOIN nodes n ON n.nid = k.nid
  WHERE k.key = :place AND n.label IN ('City', 'Country')
  UNION
  SELECT n.nid FROM nodes n
  WHERE n.label = 'Organization'
    AND EXISTS (SELECT 1 FROM json_each(n.keys) jk WHERE instr(jk.value, :place) > 0)
)
SELECT p.name AS person, p.id AS person_id, e.props ->> '$.title' AS title,
       bn.name AS body, bn.id AS body_id, e.props ->> '$.as_of' AS as_of
FROM b
CROSS JOIN edges e ON e.dst = b.nid AND e.type = 'HOLDS_ROLE'
JOIN nodes p ON p.nid = e.src AND p.label = 'Person'
JOIN nodes bn ON bn.nid = b.nid
ORDER BY body_id, person_id, title IS NULL, title, e.key
