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
// the graph model, and the cypher-shell script is golden (and linted by
// tools/cypherlint).
func TestFromStore(t *testing.T) {
	ctx := context.Background()
	fs := fixtureStore(t)
	src := FromStore(fs)
	var b bytes.Buffer
	sum, err := WriteCypher(ctx, src, &b, nil, 1000)
	if err != nil {
		t.Fatal(err)
	}
	golden(t, "fixture.cypher", b.Bytes())

	want := newSummary()
	ents := map[string]bool{}
	for _, bt := range fs.batches {
		want.Nodes["Article"]++
		want.Rels["MENTIONS"] += len(bt.Mentions)
		for _, n := range bt.Nodes {
			if !ents[n.ID] {
				ents[n.ID] = true
				want.Nodes[n.Label]++
			}
		}
	}
	for name, got := range map[string]Summary{"cypher": sum} {
		for l, n := range want.Nodes {
			if got.Nodes[l] != n {
				t.Errorf("%s: %s nodes: got %d, want %d", name, l, got.Nodes[l], n)
			}
		}
		if got.Rels["MENTIONS"] != want.Rels["MENTIONS"] {
			t.Errorf("%s: MENTIONS: got %d, want %d", name, got.Rels["MENTIONS"], want.Rels["MENTIONS"])
		}
		if got.Nodes["Quantity"] == 0 || got.Rels["QUANTIFIES"] != got.Nodes["Quantity"] {
			t.Errorf("%s: got %d quantities and %d QUANTIFIES, want as many of each (and some)", name, got.Nodes["Quantity"], got.Rels["QUANTIFIES"])
		}
	}
	adm, err := WriteNeo4jAdmin(ctx, src, t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	var g bytes.Buffer
	gml, err := WriteGraphML(ctx, src, &g)
	if err != nil {
		t.Fatal(err)
	}
	for name, s := range map[string]Summary{"neo4j-admin": adm, "graphml": gml} {
		for l, n := range sum.Nodes {
			if s.Nodes[l] != n {
				t.Errorf("%s: %s nodes: got %d, want %d as in the cypher export", name, l, s.Nodes[l], n)
			}
		}
		for ty, n := range sum.Rels {
			if s.Rels[ty] != n {
				t.Errorf("%s: %s relationships: got %d, want %d as in the cypher export", name, ty, s.Rels[ty], n)
			}
		}
	}
}
