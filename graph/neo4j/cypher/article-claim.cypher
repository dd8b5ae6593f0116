// Claims articles for one load or removal: a loader changes an article
// only while it holds the article's claim, so two loaders never interleave
// on one article. The no-op SET locks the article before its claim is
// read; a claim not renewed for $lease ms (server time) was left by a
// loader that died and is taken over. Returns the claimed articles with
// their stored hash, and fresh when this claim created the article node
// (nothing of it is stored). $stamp is new for each claim a loader makes
// (a retried transaction keeps it): an article a failed load of this
// loader left behind is not fresh when claimed again.
// params: ids, token, lease, stamp
UNWIND $ids AS id
MERGE (a:Article {id: id})
ON CREATE SET a.kg_fresh = $stamp
SET a.id = id
WITH a, id
WHERE a.kg_claim IS NULL OR a.kg_claim = $token OR a.kg_claim_at < timestamp() - $lease
SET a.kg_claim = $token, a.kg_claim_at = timestamp()
RETURN id, a.hash AS hash, a.kg_fresh = $stamp AS fresh
