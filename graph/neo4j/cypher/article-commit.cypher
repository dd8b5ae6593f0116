// The articles' properties, hash included: the mark that their load completed.
// params: rows
UNWIND $rows AS row
MERGE (a:Article {id: row.id})
SET a = row
