// Renews the claims a loader holds, so that a long load keeps them.
// params: ids, token
UNWIND $ids AS id
MATCH (a:Article {id: id})
WHERE a.kg_claim = $token
SET a.kg_claim_at = timestamp()
