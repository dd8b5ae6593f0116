package neo4j

import (
	"fmt"

	"github.com/kg-dev/kg/graph"
	"github.com/kg-dev/kg/graph/merge"
)

// The layout Load writes, computed without a database from every
// article's record of an entity, a relationship or a quantity: what kg
// export writes for neo4j-admin and cypher-shell (graph/export), so that
// an imported graph is the graph kg ingest --neo4j gives and takes the
// next articles on top. Each function folds the records with the
// loader's own code (graph/merge, nodeRecordParams, edgeProps,
// quantityProps, sourceProps), in the order of the articles given; the
// result depends only on the set of records.

// EntityLayout returns the properties of an entity node and of its
// MENTIONS, one per record, as Load writes them: rows[i] is the record of
// the entity by article mentions[i].Article (the row that article gave),
// and mentions[i] its mentions there (Count 0, no offsets, when the
// article names the entity only through a relation).
func EntityLayout(rows []graph.NodeRow, mentions []graph.MentionRow) (node map[string]any, rels []map[string]any, err error) {
	if len(rows) == 0 || len(rows) != len(mentions) {
		return nil, nil, fmt.Errorf("entity layout: %d rows for %d mentions", len(rows), len(mentions))
	}
	id, lb := rows[0].ID, rows[0].Label
	s := &merge.Entity{}
	rels = make([]map[string]any, len(rows))
	for i, n := range rows {
		if n.ID != id {
			return nil, nil, fmt.Errorf("entity layout: a record of %s among those of %s", n.ID, id)
		}
		var m *graph.MentionRow
		if mentions[i].Count > 0 {
			m = &mentions[i]
		}
		row, err := nodeRecordParams(mentions[i].Article, n, m)
		if err != nil {
			return nil, nil, err
		}
		rels[i] = row["mention"].(map[string]any)
		s.Add(merge.Fact(n, mentions[i].Count))
	}
	node, err = nodeProps(s.Row(id, lb), s)
	return node, rels, err
}

// RelationLayout returns the properties of a relationship and of its
// Source nodes (one per article, by article id), as Load writes them:
// rows[i] is article articles[i]'s row of the relationship (its props and
// evidence).
func RelationLayout(articles []string, rows []graph.EdgeRow) (rel map[string]any, sources []map[string]any, err error) {
	if len(rows) == 0 || len(rows) != len(articles) {
		return nil, nil, fmt.Errorf("relation layout: %d rows for %d articles", len(rows), len(articles))
	}
	key, typ := rows[0].Key, rows[0].Type
	srcs := make([]source, len(rows))
	for i, e := range rows {
		if e.Key != key {
			return nil, nil, fmt.Errorf("relation layout: a record of %s among those of %s", e.Key, key)
		}
		if srcs[i], err = edgeSource(articles[i], e); err != nil {
			return nil, nil, err
		}
	}
	st, sources, err := foldLayout(key, typ, srcs)
	if err != nil {
		return nil, nil, err
	}
	rel, err = edgeProps(key, st)
	return rel, sources, err
}

// QuantityLayout returns the properties of a quantity node and of its
// Source nodes (one per article, by article id), as Load writes them:
// rows[i] is article articles[i]'s row of the quantity (its unit
// spelling, approx flag and evidence).
func QuantityLayout(articles []string, rows []graph.QuantityRow) (quantity map[string]any, sources []map[string]any, err error) {
	if len(rows) == 0 || len(rows) != len(articles) {
		return nil, nil, fmt.Errorf("quantity layout: %d rows for %d articles", len(rows), len(articles))
	}
	key := rows[0].Key
	srcs := make([]source, len(rows))
	for i, q := range rows {
		if q.Key != key {
			return nil, nil, fmt.Errorf("quantity layout: a record of %s among those of %s", q.Key, key)
		}
		srcs[i] = source{Article: articles[i], Unit: q.Unit, Approx: q.Approx, Evidence: q.Evidence}
	}
	st, sources, err := foldLayout(key, quantityKind, srcs)
	if err != nil {
		return nil, nil, err
	}
	quantity, err = quantityProps(key, rows[0].Count, st)
	return quantity, sources, err
}

// foldLayout folds the sources of a relationship or quantity of key (kind:
// its relation type, or Quantity) into a new state, as writeEdgeChunk and
// writeQuantityChunk do, and returns it with the Source nodes'
// properties.
func foldLayout(key, kind string, srcs []source) (*factState, []map[string]any, error) {
	quantity := kind == quantityKind
	st := &factState{}
	compact := compactSources(srcs)
	sources := make([]map[string]any, len(compact))
	for i, s := range compact {
		if err := st.add(s, quantity); err != nil {
			return nil, nil, fmt.Errorf("%s: %w", key, err)
		}
		sources[i] = sourceProps(key, kind, s)
	}
	return st, sources, nil
}
