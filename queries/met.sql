-- name: met
-- Persons whose keys match, through the label index (one json_each per
-- person), then their MET relationships through edges(src, type) and
-- edges(dst, type): cheaper than reading every MET relationship's ends.
WITH p AS (
  SELECT n.nid FROM nodes n
  WHERE n.label = 'Person'
    AND EXISTS (SELECT 1 FROM json_each(n.keys) jk
                WHERE NOT EXISTS (SELECT 1 FROM json_each(:person) jw WHERE instr(jk.value, jw.value) = 0))
), m AS (
  SELECT e.eid FROM p CROSS JOIN edges e ON e.src = p.nid AND e.type = 'MET'
  UNION
  SELECT e.eid FROM p CROSS JOIN edges e ON e.dst = p.nid AND e.type = 'MET'
)
SELECT a.name AS person, a.id AS person_id, b.name AS other, b.id AS other_id,
       e.props ->> '$.date' AS date, e.props ->> '$.place' AS place,
       (SELECT json_group_array(j.value ->> 2 ORDER BY ar.id, j.value ->> 0)
          FROM edge_facts f JOIN articles ar ON ar.aid = f.aid, json_each(f.evidence) j
         WHERE f.eid = e.eid) AS sentences,
       (SELECT json_group_array(ar.id ORDER BY ar.id, j.value ->> 0)
          FROM edge_facts f JOIN articles ar ON ar.aid = f.aid, json_each(f.evidence) j
         WHERE f.eid = e.eid) AS articles
FROM m
CROSS JOIN edges e ON e.eid = m.eid
JOIN nodes a ON a.nid = e.src AND a.label = 'Person'
JOIN nodes b ON b.nid = e.dst AND b.label = 'Person'
ORDER BY date IS NULL, date, person_id, other_id
