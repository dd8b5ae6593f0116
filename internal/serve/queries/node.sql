-- name: node
SELECT id, label, name FROM nodes WHERE id = :id
