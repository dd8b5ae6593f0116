package export

import (
	"context"
	"slices"

	"github.com/kg-dev/kg/extract"
	"github.com/kg-dev/kg/graph"
)

// Store is what the embedded store streams: graph/sqlite.Store satisfies
// it. Batches gives each article's contribution (its row and mentions),
// the others the merged nodes, relationships and quantities.
type Store interface {
	Batches(ctx context.Context, fn func(graph.Batch) error) error
	Nodes(ctx context.Context, fn func(graph.NodeRow) error) error
	Edges(ctx context.Context, fn func(graph.EdgeRow) error) error
	Quantities(ctx context.Context, fn func(graph.QuantityRow) error) error
}

// ArticleStreamer is implemented by stores that stream articles and
// mentions without reading each article's whole contribution
// (graph/sqlite.Store does); FromStore uses it when the store has it.
// Articles come by id, mentions by article id then node id, as Batches
// gives them.
type ArticleStreamer interface {
	Articles(ctx context.Context, fn func(graph.ArticleRow) error) error
	Mentions(ctx context.Context, fn func(graph.MentionRow) error) error
}

// FromStore returns the graph of a store as a Source, with the properties
// of the graph model (graph/model.go): articles, entities and quantities,
// then MENTIONS, the relations, QUANTIFIES and OF.
func FromStore(s Store) Source { return storeSource{s} }

type storeSource struct{ s Store }

func (ss storeSource) Nodes(ctx context.Context, fn func(Node) error) error {
	article := func(r graph.ArticleRow) error {
		a := r.Map()
		delete(a, "id")
		return fn(Node{ID: r.ID, Label: "Article", Props: a})
	}
	var err error
	if as, ok := ss.s.(ArticleStreamer); ok {
		err = as.Articles(ctx, article)
	} else {
		err = ss.s.Batches(ctx, func(b graph.Batch) error { return article(b.Article) })
	}
	if err != nil {
		return err
	}
	err = ss.s.Nodes(ctx, func(n graph.NodeRow) error {
		return fn(Node{ID: n.ID, Label: n.Label, Props: nodeProps(n)})
	})
	if err != nil {
		return err
	}
	return ss.s.Quantities(ctx, func(q graph.QuantityRow) error {
		p := q.Map()
		for _, k := range []string{"key", "subject", "of"} {
			delete(p, k)
		}
		return fn(Node{ID: q.Key, Label: "Quantity", Props: p})
	})
}

// nodeProps returns an entity's properties: its props, then name, key,
// keys and aliases (which win over a prop of the same name).
func nodeProps(n graph.NodeRow) map[string]any {
	p := map[string]any{}
	for k, v := range n.Props {
		p[k] = v
	}
	m := n.Map()
	for _, k := range []string{"name", "key", "keys", "aliases"} {
		p[k] = m[k]
	}
	delete(p, "id")
	return p
}

func (ss storeSource) Rels(ctx context.Context, fn func(Rel) error) error {
	mention := func(m graph.MentionRow) error {
		p := m.Map()
		delete(p, "article")
		delete(p, "node")
		return fn(Rel{Type: "MENTIONS", From: m.Article, To: m.Node, Props: p})
	}
	var err error
	if as, ok := ss.s.(ArticleStreamer); ok {
		err = as.Mentions(ctx, mention)
	} else {
		err = ss.s.Batches(ctx, func(b graph.Batch) error {
			for _, m := range b.Mentions {
				if err := mention(m); err != nil {
					return err
				}
			}
			return nil
		})
	}
	if err != nil {
		return err
	}
	err = ss.s.Edges(ctx, func(e graph.EdgeRow) error {
		m := e.Map()
		p := map[string]any{}
		for k, v := range e.Props {
			p[k] = v
		}
		for _, k := range []string{"key", "ev_articles", "ev_sentences", "ev_starts", "ev_ends"} {
			p[k] = m[k]
		}
		// The articles that state it, as kg ingest --neo4j writes them
		// (partners counts them).
		p["src_articles"] = distinctArticles(e.Evidence)
		// Its first three sentences and their articles, the preview kg
		// ingest --neo4j keeps on the relationship (partners and the
		// explorer read it instead of the lists).
		arts, sents := m["ev_articles"].([]string), m["ev_sentences"].([]string)
		p["first_articles"], p["first_sentences"] = arts[:min(len(arts), 3)], sents[:min(len(sents), 3)]
		return fn(Rel{Type: e.Type, From: e.From, To: e.To, Props: p})
	})
	if err != nil {
		return err
	}
	return ss.s.Quantities(ctx, func(q graph.QuantityRow) error {
		if err := fn(Rel{Type: "QUANTIFIES", From: q.Key, To: q.Subject, Props: map[string]any{}}); err != nil {
			return err
		}
		if q.Of == "" {
			return nil
		}
		return fn(Rel{Type: "OF", From: q.Key, To: q.Of, Props: map[string]any{}})
	})
}

// distinctArticles returns the articles of spans, each once, in order.
func distinctArticles(spans []extract.Span) []string {
	out := []string{}
	for _, sp := range spans {
		if len(out) == 0 || out[len(out)-1] != sp.Doc {
			if !slices.Contains(out, sp.Doc) {
				out = append(out, sp.Doc)
			}
		}
	}
	return out
}
