// Nodes no article mentions any more.
// params: eids
UNWIND $eids AS eid
MATCH (n)
WHERE elementId(n) = eid AND NOT (n)<-[:MENTIONS]-()
DETACH DELETE n
