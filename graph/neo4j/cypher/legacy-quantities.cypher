// A quantity loaded by kg before Source nodes (parallel evidence lists).
MATCH (q:Quantity)
WHERE q.ev_articles IS NOT NULL
RETURN elementId(q) AS eid
LIMIT 1
