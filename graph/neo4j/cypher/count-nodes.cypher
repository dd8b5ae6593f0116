// A count-store lookup.
// each: label
MATCH (n:__LABEL__) RETURN count(n) AS n
