// A count-store lookup.
// each: relationship type
MATCH ()-[r:__TYPE__]->() RETURN count(r) AS n
