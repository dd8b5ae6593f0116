// Package queries holds kg's canned queries: one Cypher file per query
// (NAME.cypher, for Neo4j and Neo4j Browser) and its equivalent on the
// embedded store (NAME.sql), both embedded in the binary. The header
// comment of each .cypher file declares the query:
//
//	// name: partners
//	// description: Partners of a city, with kind, since and evidence
//	// param: city  City name or alias, any spelling (e.g. Hanoi)
//	// columns: partner, kind, since, sentences, articles
//
// Both engines must return the same rows for the same graph; golden files
// under testdata/golden are shared by both engines' tests.
package queries
