-- name: participants
WITH ev AS (
  SELECT n.nid FROM nodes n
  WHERE n.label = 'Event'
    AND EXISTS (SELECT 1 FROM json_each(n.keys) jk
                WHERE NOT EXISTS (SELECT 1 FROM json_each(:event) jw WHERE instr(jk.value, jw.value) = 0))
)
SELECT v.name AS event, v.id AS event_id, v.props ->> '$.date' AS date,
       p.name AS participant, p.id AS participant_id, p.label AS label,
       (SELECT json_group_array(j.value ->> 2 ORDER BY a.id, j.value ->> 0)
          FROM edge_facts f JOIN articles a ON a.aid = f.aid, json_each(f.evidence) j
         WHERE f.eid = e.eid) AS sentences
FROM ev
CROSS JOIN edges e ON e.dst = ev.nid AND e.type = 'PARTICIPATED_IN'
JOIN nodes v ON v.nid = ev.nid
JOIN nodes p ON p.nid = e.src
ORDER BY event_id, label, participant_id
