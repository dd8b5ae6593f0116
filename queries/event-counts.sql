-- name: event-counts
WITH ev AS (
  SELECT n.nid FROM nodes n
  WHERE n.label = 'Event'
    AND EXISTS (SELECT 1 FROM json_each(n.keys) jk
                WHERE NOT EXISTS (SELECT 1 FROM json_each(:event) jw WHERE instr(jk.value, jw.value) = 0))
)
SELECT v.name AS event, v.id AS event_id, q.count AS count, q.unit AS unit, c.name AS country,
       q.approx AS approx,
       (SELECT json_group_array(j.value ->> 2 ORDER BY a.id, j.value ->> 0)
          FROM quantity_facts f JOIN articles a ON a.aid = f.aid, json_each(f.evidence) j
         WHERE f.qid = q.qid) AS sentences
FROM ev
CROSS JOIN quantities q ON q.subject = ev.nid
JOIN nodes v ON v.nid = ev.nid
LEFT JOIN nodes c ON c.nid = q.country
ORDER BY event_id, count DESC, q.key
