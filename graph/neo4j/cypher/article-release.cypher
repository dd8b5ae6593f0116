// Gives back the claims of articles a load skipped or could not finish
// (committing an article replaces its properties, claim included).
// params: ids, token
UNWIND $ids AS id
MATCH (a:Article {id: id})
WHERE a.kg_claim = $token
REMOVE a.kg_claim, a.kg_claim_at, a.kg_fresh
