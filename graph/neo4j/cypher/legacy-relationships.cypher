// A relationship loaded by kg before Source nodes: it keeps every
// article's evidence in parallel lists (ev_articles, ev_sentences, …).
// each: relation type
MATCH ()-[r:__TYPE__]->()
WHERE r.ev_articles IS NOT NULL
RETURN elementId(r) AS eid
LIMIT 1
