package export

import (
	"bytes"
	"cmp"
	"context"
	"encoding/json"
	"os"
	"slices"
	"testing"

	"github.com/kg-dev/kg/extract"
	"github.com/kg-dev/kg/graph"
)

// fakeStore streams the fixture's batches as the embedded store would:
// merged nodes by id, edges and quantities by key with every article's
// evidence.
type fakeStore struct{ batches []graph.Batch }

func (f fakeStore) Batches(_ context.Context, fn func(graph.Batch) error) error {
	for _, b := range f.batches {
		if err := fn(b); err != nil {
			return err
		}
	}
	return nil
}

func (f fakeStore) Nodes(_ context.Context, fn func(graph.NodeRow) error) error {
	byID := map[string][]extract.Entity{}
	for _, b := range f.batches {
		for _, n := range b.Nodes {
			byID[n.ID] = append(byID[n.ID], n.Entity())
		}
	}
	ids := sortedKeys(byID)
	for _, id := range ids {
		if err := fn(graph.NodeRowOf(extract.MergeEntities(byID[id]))); err != nil {
			return err
		}
	}
	return nil
}

func (f fakeStore) Edges(_ context.Context, fn func(graph.EdgeRow) error) error {
	byKey := map[string]graph.EdgeRow{}
	for _, b := range f.batches {
		for _, e := range b.Edges {
			if cur, ok := byKey[e.Key]; ok {
				cur.Evidence = extract.MergeSpans(cur.Evidence, e.Evidence)
				byKey[e.Key] = cur
				continue
			}
			byKey[e.Key] = e
		}
	}
	for _, k := range sortedKeys(byKey) {
		if err := fn(byKey[k]); err != nil {
			return err
		}
	}
	return nil
}

func (f fakeStore) Quantities(_ context.Context, fn func(graph.QuantityRow) error) error {
	byKey := map[string]graph.QuantityRow{}
	for _, b := range f.batches {
		for _, q := range b.Quantities {
			if cur, ok := byKey[q.Key]; ok {
				cur.Evidence = extract.MergeSpans(cur.Evidence, q.Evidence)
				byKey[q.Key] = cur
				continue
			}
			byKey[q.Key] = q
		}
	}
	for _, k := range sortedKeys(byKey) {
		if err := fn(byKey[k]); err != nil {
			return err
		}
	}
	return nil
}

func (f fakeStore) Articles(_ context.Context, fn func(graph.ArticleRow) error) error {
	bs := slices.Clone(f.batches)
	slices.SortFunc(bs, func(a, b graph.Batch) int { return cmp.Compare(a.Article.ID, b.Article.ID) })
	for _, b := range bs {
		if err := fn(b.Article); err != nil {
			return err
		}
	}
	return nil
}

// The records, as graph/sqlite keeps them: by entity id (relation or
// quantity key), then article id.

func (f fakeStore) EntityRecords(_ context.Context, fn func([]graph.NodeRow, []graph.MentionRow) error) error {
	rows, ms := map[string][]graph.NodeRow{}, map[string][]graph.MentionRow{}
	for _, b := range f.sorted() {
		for _, n := range b.Nodes {
			m := graph.MentionRow{Article: b.Article.ID, Node: n.ID}
			for _, x := range b.Mentions {
				if x.Node == n.ID {
					m = x
				}
			}
			rows[n.ID], ms[n.ID] = append(rows[n.ID], n), append(ms[n.ID], m)
		}
	}
	for _, id := range sortedKeys(rows) {
		if err := fn(rows[id], ms[id]); err != nil {
			return err
		}
	}
	return nil
}

func (f fakeStore) RelationRecords(_ context.Context, fn func([]string, []graph.EdgeRow) error) error {
	arts, rows := map[string][]string{}, map[string][]graph.EdgeRow{}
	for _, b := range f.sorted() {
		for _, e := range b.Edges {
			arts[e.Key], rows[e.Key] = append(arts[e.Key], b.Article.ID), append(rows[e.Key], e)
		}
	}
	for _, k := range sortedKeys(rows) {
		if err := fn(arts[k], rows[k]); err != nil {
			return err
		}
	}
	return nil
}

func (f fakeStore) QuantityRecords(_ context.Context, fn func([]string, []graph.QuantityRow) error) error {
	arts, rows := map[string][]string{}, map[string][]graph.QuantityRow{}
	for _, b := range f.sorted() {
		for _, q := range b.Quantities {
			arts[q.Key], rows[q.Key] = append(arts[q.Key], b.Article.ID), append(rows[q.Key], q)
		}
	}
	for _, k := range sortedKeys(rows) {
		if err := fn(arts[k], rows[k]); err != nil {
			return err
		}
	}
	return nil
}

func (f fakeStore) sorted() []graph.Batch {
	bs := slices.Clone(f.batches)
	slices.SortFunc(bs, func(a, b graph.Batch) int { return cmp.Compare(a.Article.ID, b.Article.ID) })
	return bs
}

func sortedKeys[V any](m map[string]V) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	slices.SortFunc(out, cmp.Compare[string])
	return out
}

func fixtureStore(t *testing.T) fakeStore {
	t.Helper()
	b, err := os.ReadFile("../testdata/fixture.json")
	if err != nil {
		t.Fatal(err)
	}
	var docs []extract.DocResult
	if err := json.Unmarshal(b, &docs); err != nil {
		t.Fatal(err)
	}
	var f fakeStore
	for _, d := range docs {
		f.batches = append(f.batches, graph.Build(d))
	}
	return f
}

// TestFromStore exports the fixture in every format: the counts follow
// the graph model, the Neo4j exports write the loader's layout (Source
// nodes, a MENTIONS per record), and the cypher-shell script is golden
// (and linted by tools/cypherlint).
func TestFromStore(t *testing.T) {
	ctx := context.Background()
	fs := fixtureStore(t)
	src := Neo4jLayout(fs)
	var b bytes.Buffer
	sum, err := WriteCypher(ctx, src, &b, nil, 1000)
	if err != nil {
		t.Fatal(err)
	}
	golden(t, "fixture.cypher", b.Bytes())
	if bytes.Contains(b.Bytes(), []byte("ev_articles")) {
		t.Error("fixture.cypher holds ev_articles: the earlier layout, which kg ingest --neo4j refuses to load on top of")
	}

	want := newSummary()
	ents := map[string]bool{}
	sources := map[string]bool{}
	for _, bt := range fs.batches {
		want.Nodes["Article"]++
		want.Rels["MENTIONS"] += len(bt.Nodes) // one record per entity, mentioned or not
		for _, n := range bt.Nodes {
			if !ents[n.ID] {
				ents[n.ID] = true
				want.Nodes[n.Label]++
			}
		}
		for _, e := range bt.Edges {
			sources[e.Key+"\x00"+bt.Article.ID] = true
		}
		for _, q := range bt.Quantities {
			sources[q.Key+"\x00"+bt.Article.ID] = true
		}
	}
	want.Nodes[SourceLabel] = len(sources)
	for l, n := range want.Nodes {
		if sum.Nodes[l] != n {
			t.Errorf("cypher: %s nodes: got %d, want %d", l, sum.Nodes[l], n)
		}
	}
	if sum.Rels["MENTIONS"] != want.Rels["MENTIONS"] {
		t.Errorf("cypher: MENTIONS: got %d, want %d", sum.Rels["MENTIONS"], want.Rels["MENTIONS"])
	}
	if sum.Nodes["Quantity"] == 0 || sum.Rels["QUANTIFIES"] != sum.Nodes["Quantity"] {
		t.Errorf("cypher: got %d quantities and %d QUANTIFIES, want as many of each (and some)", sum.Nodes["Quantity"], sum.Rels["QUANTIFIES"])
	}
	adm, err := WriteNeo4jAdmin(ctx, src, t.TempDir(), nil)
	if err != nil {
		t.Fatal(err)
	}
	for l, n := range sum.Nodes {
		if adm.Nodes[l] != n {
			t.Errorf("neo4j-admin: %s nodes: got %d, want %d as in the cypher export", l, adm.Nodes[l], n)
		}
	}
	for ty, n := range sum.Rels {
		if adm.Rels[ty] != n {
			t.Errorf("neo4j-admin: %s relationships: got %d, want %d as in the cypher export", ty, adm.Rels[ty], n)
		}
	}
	// GraphML keeps the merged graph with its evidence lists.
	var g bytes.Buffer
	gml, err := WriteGraphML(ctx, FromStore(fs), &g)
	if err != nil {
		t.Fatal(err)
	}
	for l, n := range sum.Nodes {
		if l != SourceLabel && gml.Nodes[l] != n {
			t.Errorf("graphml: %s nodes: got %d, want %d as in the cypher export", l, gml.Nodes[l], n)
		}
	}
}
