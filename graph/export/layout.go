package export

import (
	"context"

	"github.com/kg-dev/kg/graph"
	"github.com/kg-dev/kg/graph/neo4j"
)

// RecordStore is what the Neo4j exports read: every article's record of
// each entity, relation and quantity, as the embedded store keeps them
// (graph/sqlite.Store satisfies it). Entities come by id, relations and
// quantities by key, each one's records by article id.
type RecordStore interface {
	Articles(ctx context.Context, fn func(graph.ArticleRow) error) error
	EntityRecords(ctx context.Context, fn func(rows []graph.NodeRow, mentions []graph.MentionRow) error) error
	RelationRecords(ctx context.Context, fn func(articles []string, rows []graph.EdgeRow) error) error
	QuantityRecords(ctx context.Context, fn func(articles []string, rows []graph.QuantityRow) error) error
}

// SourceLabel is the label of the nodes that keep each article's record of
// a relationship or quantity (neo4j.SourceLabel). They have no id: they
// are identified by their properties of and article.
const SourceLabel = neo4j.SourceLabel

// Walker is a Source that also gives its nodes and relationships in one
// read, each relationship after its two endpoints: WriteNeo4jAdmin and
// WriteCypher read it once per pass instead of twice.
type Walker interface {
	Source
	Walk(ctx context.Context, node func(Node) error, rel func(Rel) error) error
}

// Neo4jLayout returns the graph of a store in the layout kg ingest
// --neo4j writes (graph/neo4j, "How the loader writes" in docs/NEO4J.md):
// articles; entities with their graph/merge summary (kg_merge); one
// MENTIONS per article and entity with the article's record of it (count
// 0 when the article names it only through a relation); relationships
// and quantities with their summary, src_count, ev_count and, for
// relationships, the preview first_sentences/first_articles; and one
// Source node per article and relationship or quantity. Every property
// is computed by the loader's own functions (neo4j.EntityLayout,
// RelationLayout, QuantityLayout) from the records the store keeps, so
// that a graph imported from the export is the graph kg ingest --neo4j
// gives for the same articles, and takes the next articles on top.
func Neo4jLayout(s RecordStore) Walker { return layoutSource{s} }

type layoutSource struct{ s RecordStore }

func (ls layoutSource) Nodes(ctx context.Context, fn func(Node) error) error {
	return ls.Walk(ctx, fn, func(Rel) error { return nil })
}

func (ls layoutSource) Rels(ctx context.Context, fn func(Rel) error) error {
	return ls.Walk(ctx, func(Node) error { return nil }, fn)
}

// Walk gives the articles, then each entity followed by its MENTIONS,
// each relationship followed by its Sources, each quantity followed by
// its Sources, QUANTIFIES and OF.
func (ls layoutSource) Walk(ctx context.Context, node func(Node) error, rel func(Rel) error) error {
	err := ls.s.Articles(ctx, func(a graph.ArticleRow) error {
		p := a.Map()
		delete(p, "id")
		return node(Node{ID: a.ID, Label: "Article", Props: p})
	})
	if err != nil {
		return err
	}
	err = ls.s.EntityRecords(ctx, func(rows []graph.NodeRow, mentions []graph.MentionRow) error {
		props, recs, err := neo4j.EntityLayout(rows, mentions)
		if err != nil {
			return err
		}
		id := rows[0].ID
		delete(props, "id")
		if err := node(Node{ID: id, Label: rows[0].Label, Props: props}); err != nil {
			return err
		}
		for i, m := range mentions {
			if err := rel(Rel{Type: "MENTIONS", From: m.Article, To: id, Props: recs[i]}); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return err
	}
	sourceNodes := func(sources []map[string]any) error {
		for _, p := range sources {
			if err := node(Node{Label: SourceLabel, Props: p}); err != nil {
				return err
			}
		}
		return nil
	}
	err = ls.s.RelationRecords(ctx, func(articles []string, rows []graph.EdgeRow) error {
		props, sources, err := neo4j.RelationLayout(articles, rows)
		if err != nil {
			return err
		}
		e := rows[0]
		if err := rel(Rel{Type: e.Type, From: e.From, To: e.To, Props: props}); err != nil {
			return err
		}
		return sourceNodes(sources)
	})
	if err != nil {
		return err
	}
	return ls.s.QuantityRecords(ctx, func(articles []string, rows []graph.QuantityRow) error {
		props, sources, err := neo4j.QuantityLayout(articles, rows)
		if err != nil {
			return err
		}
		q := rows[0]
		delete(props, "key")
		if err := node(Node{ID: q.Key, Label: "Quantity", Props: props}); err != nil {
			return err
		}
		if err := sourceNodes(sources); err != nil {
			return err
		}
		if err := rel(Rel{Type: "QUANTIFIES", From: q.Key, To: q.Subject, Props: map[string]any{}}); err != nil {
			return err
		}
		if q.Of == "" {
			return nil
		}
		return rel(Rel{Type: "OF", From: q.Key, To: q.Of, Props: map[string]any{}})
	})
}
