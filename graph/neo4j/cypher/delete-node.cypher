// params: eids
UNWIND $eids AS eid
MATCH (n)
WHERE elementId(n) = eid
DETACH DELETE n
