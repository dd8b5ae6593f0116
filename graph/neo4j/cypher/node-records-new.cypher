// node-records for articles the claim created (nothing of them is stored,
// so no MENTIONS of theirs exists): CREATE instead of MERGE, which skips
// the check for an existing MENTIONS between the article and the node.
// params: rows
UNWIND $rows AS row
MATCH (n)
WHERE elementId(n) = row.eid
MATCH (a:Article {id: row.article})
CREATE (a)-[m:MENTIONS]->(n)
SET m = row.mention
