// Package queries holds kg's canned queries: one Cypher file per query
// (NAME.cypher, for Neo4j and Neo4j Browser) and its equivalent on the
// embedded store (NAME.sql), both embedded in the binary. The header
// comment of each .cypher file declares the query:
//
//	// name: partners
//	// description: Partners of a city, with kind, since and evidence
//	// param: city key  City name or alias, any spelling (e.g. Hanoi)
//	// columns: city, city_id, partner, partner_id, kind, since:int, sentences:list, articles:list
//
// A param line is "param: NAME TYPE  DESCRIPTION". The type says how the
// user's text becomes the $NAME value (Bind does it, so the query itself
// never does Unicode work):
//
//	key     fold.Key(text): "Hà Nội" → "hanoi"; compared with a node's keys
//	words   fold.Key of every word of fold.Fold(text), a list:
//	        "12th conférence décentralisée" → ["12th", "conference", "decentralisee"];
//	        a node matches when one of its keys contains every word
//	string  the text unchanged
//	int     the text as an integer
//	rel     a relation type, upper-cased, "-" and " " as "_": "partner-of" → "PARTNER_OF"
//
// A column is "NAME" or "NAME:TYPE"; the type (string by default, int,
// float, bool, list, seq) tells each engine how to return the value and
// Normalize how to compare it: a list's order is not significant, a seq's
// is. The .sql file repeats the name line only; the SQL binds the same
// params as :NAME (a words list arrives as a JSON array text) and returns
// the same columns, lists as JSON array text.
//
// Both engines must return the same rows for the same graph: every query
// orders its rows by a total order, and golden files under testdata/golden
// (the results of running the queries on graph/testdata/fixture.json with
// testdata/params.json) are shared by both engines' tests.
package queries
