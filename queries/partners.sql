-- name: partners
-- Partners of a city. Per partner: kind, since, how many articles state
-- it, and the first three sentences stating it, from the articles with
-- the smallest ids (edge-articles lists them all). Only those articles'
-- evidence is read, so a hub with thousands of sentences stays fast;
-- articles_aid_id makes ranking by article id read (aid, id) pairs, not
-- article rows (SQLite would otherwise look rows up by rowid). A fact's
-- evidence array is sorted by offset, so j.key orders its sentences.
WITH c AS (
  SELECT n.nid FROM node_keys k CROSS JOIN nodes n ON n.nid = k.nid
  WHERE k.key = :city AND n.label = 'City'
), pe AS (
  SELECT c.nid AS cnid, e.eid AS eid, e.dst AS other
  FROM c CROSS JOIN edges e ON e.src = c.nid AND e.type = 'PARTNER_OF'
  UNION ALL
  SELECT c.nid, e.eid, e.src
  FROM c CROSS JOIN edges e ON e.dst = c.nid AND e.type = 'PARTNER_OF'
), facts AS (
  SELECT f.eid, f.aid, a.id AS article,
         row_number() OVER (PARTITION BY f.eid ORDER BY a.id) AS rank
  FROM pe CROSS JOIN edge_facts f ON f.eid = pe.eid JOIN articles a INDEXED BY articles_aid_id ON a.aid = f.aid
), firsts AS (
  SELECT eid, json_group_array(sentence ORDER BY k) AS sentences,
         json_group_array(article ORDER BY k) AS articles
  FROM (SELECT x.eid, x.article, j.value ->> 2 AS sentence,
               row_number() OVER (PARTITION BY x.eid ORDER BY x.rank, j.key) AS k
        FROM facts x CROSS JOIN edge_facts f ON f.eid = x.eid AND f.aid = x.aid, json_each(f.evidence) j
        WHERE x.rank <= 3)
  WHERE k <= 3
  GROUP BY eid
)
SELECT cn.name AS city, cn.id AS city_id, p.name AS partner, p.id AS partner_id,
       e.props ->> '$.kind' AS kind, e.props ->> '$.since' AS since,
       (SELECT count(*) FROM edge_facts f WHERE f.eid = e.eid) AS article_count,
       coalesce(s.sentences, '[]') AS sentences, coalesce(s.articles, '[]') AS articles
FROM pe
JOIN edges e ON e.eid = pe.eid
JOIN nodes cn ON cn.nid = pe.cnid
JOIN nodes p ON p.nid = pe.other
LEFT JOIN firsts s ON s.eid = pe.eid
ORDER BY city_id, partner_id
