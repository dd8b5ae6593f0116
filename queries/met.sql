-- name: met
SELECT a.name AS person, a.id AS person_id, b.name AS other, b.id AS other_id,
       e.props ->> '$.date' AS date, e.props ->> '$.place' AS place,
       (SELECT json_group_array(j.value ->> 2 ORDER BY ar.id, j.value ->> 0)
          FROM edge_facts f JOIN articles ar ON ar.aid = f.aid, json_each(f.evidence) j
         WHERE f.eid = e.eid) AS sentences,
       (SELECT json_group_array(ar.id ORDER BY ar.id, j.value ->> 0)
          FROM edge_facts f JOIN articles ar ON ar.aid = f.aid, json_each(f.evidence) j
         WHERE f.eid = e.eid) AS articles
FROM edges e
JOIN nodes a ON a.nid = e.src AND a.label = 'Person'
JOIN nodes b ON b.nid = e.dst AND b.label = 'Person'
WHERE e.type = 'MET'
  AND (EXISTS (SELECT 1 FROM json_each(a.keys) jk
               WHERE NOT EXISTS (SELECT 1 FROM json_each(:person) jw WHERE instr(jk.value, jw.value) = 0))
    OR EXISTS (SELECT 1 FROM json_each(b.keys) jk
               WHERE NOT EXISTS (SELECT 1 FROM json_each(:person) jw WHERE instr(jk.value, jw.value) = 0)))
ORDER BY date IS NULL, date, person_id, other_id
