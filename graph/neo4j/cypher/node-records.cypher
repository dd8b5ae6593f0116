// Each article's record of an entity, on its MENTIONS.
// params: rows
UNWIND $rows AS row
MATCH (n)
WHERE elementId(n) = row.eid
MERGE (a:Article {id: row.article})
MERGE (a)-[m:MENTIONS]->(n)
SET m = row.mention
