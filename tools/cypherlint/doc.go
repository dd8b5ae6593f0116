// Package cypherlint checks every Cypher text kg ships or sends with
// Neo4j's own front end. The work is done by check.sh and lint.mjs (a
// Node project pinned to @neo4j-cypher/language-support); cypherdump
// writes the loader's statements for it. The Go test runs check.sh when
// node and the pinned linter are installed (or KG_CYPHERLINT=1 forces it).
package cypherlint
