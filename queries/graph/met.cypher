// name: met
// description: People who met, with the MET relationships (date, place, evidence)
// param: person words  Words of either person's name, any spelling; empty for every meeting (e.g. nguyen, or le van)
MATCH g = (a:Person)-[r:MET]->(b:Person)
WHERE any(k IN a.keys WHERE all(w IN $person WHERE k CONTAINS w))
   OR any(k IN b.keys WHERE all(w IN $person WHERE k CONTAINS w))
RETURN g
