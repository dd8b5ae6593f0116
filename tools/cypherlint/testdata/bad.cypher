// A known-bad file: cypherlint must report every "expect" below, or the
// linter has silently stopped working (it swallows internal exceptions).
// param: key
// expect: Variable `partner` not defined
// expect: Invalid input 'RETURN'
// expect: Parameter $city is not defined.
// expect: Label Citty is not present in the database.
MATCH (c:City) WHERE $key IN c.keys RETURN partner.name AS partner;
MATCH (c:City {name: $city} RETURN c;
MATCH (c:Citty) RETURN c.name AS name
