// Run once on the database imported from kg export --format neo4j-admin, once started:
//   cypher-shell -a neo4j://localhost:7687 -u neo4j -d neo4j -f after-import.cypher
// It creates the schema (neo4j-admin imports none) and sets the empty lists that
// neo4j-admin cannot store (an empty array field is no property), so that the graph
// is the one kg ingest --neo4j writes and kg ingest --neo4j can load on top of it.
CREATE INDEX x IF NOT EXISTS FOR (n:City) ON (n.name);
MATCH (n:City) WHERE n.aliases IS NULL CALL (n) { SET n.aliases = [] } IN TRANSACTIONS OF 10000 ROWS;
MATCH (n:Event) WHERE n.aliases IS NULL CALL (n) { SET n.aliases = [] } IN TRANSACTIONS OF 10000 ROWS;
