// Package graph defines kg's graph model and turns extraction results into
// the rows every store writes. The model:
//
//	(:Article {id, title, date, lang, path, url, hash})-[:MENTIONS {count}]->(entity)
//	(:Person|City|Country|Organization|Event {id, name, aliases, key, ...NodeProps})
//	(a)-[:PARTNER_OF|LOCATED_IN|HELD_IN|HOSTED_BY|PARTICIPATED_IN|HOLDS_ROLE|MET {key, ...EdgeProps,
//	     ev_articles, ev_sentences, ev_starts, ev_ends}]->(b)
//	(:Quantity {key, count, unit, approx, ev_*})-[:QUANTIFIES]->(subject), (q)-[:OF]->(:Country)
//
// Evidence is exported on the relationship as parallel lists (one entry per
// sentence, with its article id and byte offsets); kg ingest --neo4j keeps
// each article's share on its own Source node instead (docs/NEO4J.md). Everything an article contributes is
// keyed by the article id, so re-ingesting it replaces exactly that.
//
// Build (rows.go) is pure; stores live in graph/sqlite (the embedded
// default) and graph/neo4j.
package graph

import "github.com/kg-dev/kg/extract"

// Labels is the closed set of node labels. Store code takes labels only
// from here, never from article text.
var Labels = append(append([]string{}, extract.EntityTypes...), "Article", "Quantity")

// RelTypes is the closed set of relationship types.
var RelTypes = append(append([]string{}, extract.RelationTypes...), "MENTIONS", "QUANTIFIES", "OF")

// NodeProps is the closed set of entity property keys a store keeps,
// besides the model's own (id, label, name, key, keys, aliases).
// Extraction may produce others (docs/FORMAT.md allows it): Build leaves
// them out and lists them in Batch.Skipped, so no key written to a store
// ever comes from article text.
var NodeProps = []string{"country", "countries", "date", "kind", "ordinal", "place", "type"}

// EdgeProps is the closed set of relation property keys a store keeps,
// besides the model's own (type, from, to, key and the evidence lists).
var EdgeProps = []string{"as_of", "date", "kind", "place", "since", "title"}

// ValidLabel reports whether l is in Labels.
func ValidLabel(l string) bool { return contains(Labels, l) }

// ValidRelType reports whether t is in RelTypes.
func ValidRelType(t string) bool { return contains(RelTypes, t) }

func contains(set []string, s string) bool {
	for _, x := range set {
		if x == s {
			return true
		}
	}
	return false
}
