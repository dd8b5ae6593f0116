-- name: roles
WITH p AS (
  SELECT n.nid FROM nodes n
  WHERE n.label = 'Person'
    AND EXISTS (SELECT 1 FROM json_each(n.keys) jk
                WHERE NOT EXISTS (SELECT 1 FROM json_each(:person) jw WHERE instr(jk.value, jw.value) = 0))
)
SELECT pn.name AS person, pn.id AS person_id, e.props ->> '$.title' AS title,
       b.name AS body, b.id AS body_id, e.props ->> '$.as_of' AS as_of
FROM p
CROSS JOIN edges e ON e.src = p.nid AND e.type = 'HOLDS_ROLE'
JOIN nodes pn ON pn.nid = p.nid
JOIN nodes b ON b.nid = e.dst
ORDER BY person_id, body_id, title IS NULL, title, e.key
