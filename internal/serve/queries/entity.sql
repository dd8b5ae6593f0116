-- name: entity
SELECT n.id AS id, n.label AS label, n.name AS name, n.aliases AS aliases,
       n.props ->> 'country' AS country, n.props ->> 'date' AS date, n.props ->> 'kind' AS kind,
       n.props ->> 'ordinal' AS ordinal, n.props ->> 'place' AS place, n.props ->> 'type' AS type,
       (SELECT count(*) FROM node_facts f WHERE f.nid = n.nid AND f.mentions > 0) AS articles
FROM nodes n
WHERE n.id = :id
