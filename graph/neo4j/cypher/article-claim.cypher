// Claims articles for one load or removal: a loader changes an article
// only while it holds the article's claim, so two loaders never interleave
// on one article. The no-op SET locks the article before its claim is
// read; a claim set before $stale (ms since the epoch) was abandoned and
// is taken over. Returns the claimed articles with their stored hash, and
// fresh when this claim created the article node (nothing stored yet).
// params: ids, token, now, stale
UNWIND $ids AS id
MERGE (a:Article {id: id})
ON CREATE SET a.kg_fresh = $token
SET a.id = id
WITH a, id
WHERE a.kg_claim IS NULL OR a.kg_claim = $token OR a.kg_claim_at < $stale
SET a.kg_claim = $token, a.kg_claim_at = $now
RETURN id, a.hash AS hash, a.kg_fresh = $token AS fresh
