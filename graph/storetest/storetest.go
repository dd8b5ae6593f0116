// Package storetest is the conformance suite of graph.Store: every store
// (graph/sqlite always, graph/neo4j against a live server) runs the same
// tests through Run, so that what one store does, every store does.
//
// The suite reads the shared test data of the repository: the fixture
// graph/testdata/fixture.json with the golden query results of
// queries/testdata/golden, and the samples seeds/ (extracted with the
// embedded extractor) with queries/testdata/seeds/golden.
package storetest

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/kg-dev/kg/extract"
	"github.com/kg-dev/kg/graph"
	"github.com/kg-dev/kg/graph/curate"
	"github.com/kg-dev/kg/queries"
	"github.com/kg-dev/kg/reader"
)

// Open returns a new, empty store. The suite closes every store it opens
// before it opens the next one, so a store that can exist only once (one
// Neo4j database) empties and reuses it.
type Open func(t *testing.T) graph.Store

// Run runs every conformance test on the stores open returns (16 tests,
// the two golden ones with a subtest per canned query). A store that
// implements graph.Explorer is held to it too: by testExplorer, and by
// every comparison of two graphs (snapshot).
func Run(t *testing.T, open Open) {
	tests := []struct {
		name string
		fn   func(*testing.T, Open)
	}{
		{"Ingest", testIngest},
		{"Versions", testVersions},
		{"IdempotentReingest", testIdempotent},
		{"Replace", testReplace},
		{"Remove", testRemove},
		{"RemoveAll", testRemoveAll},
		{"FixtureGolden", testFixtureGolden},
		{"SamplesGolden", testSamplesGolden},
		{"Stats", testStats},
		{"Fingerprints", testFingerprints},
		{"SessionSeesOwnWrites", testSessionVersions},
		{"Rollback", testRollback},
		{"ClosedWriter", testClosedWriter},
		{"RemoveInSession", testRemoveInSession},
		{"ManyArticles", testManyArticles},
		{"Explorer", testExplorer},
		{"Curator", testCurator},
		{"Curated", testCurated},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) { tt.fn(t, open) })
	}
}

var bg = context.Background()

// with opens a store, calls fn and closes the store.
func with(t *testing.T, open Open, fn func(graph.Store)) {
	t.Helper()
	s := open(t)
	defer func() {
		if err := s.Close(); err != nil {
			t.Errorf("Close: %v", err)
		}
	}()
	fn(s)
}

func ingest(t *testing.T, s graph.Store, batches ...graph.Batch) {
	t.Helper()
	if err := graph.Ingest(bg, s, batches...); err != nil {
		t.Fatalf("ingest: %v", err)
	}
}

func remove(t *testing.T, s graph.Store, ids ...string) {
	t.Helper()
	if err := graph.Remove(bg, s, ids...); err != nil {
		t.Fatalf("remove %v: %v", ids, err)
	}
}

func testIngest(t *testing.T, open Open) {
	bs := fixture(t, "fp-1")
	with(t, open, func(s graph.Store) {
		ingest(t, s, bs...)
		vs, err := s.Versions(bg, nil)
		if err != nil {
			t.Fatal(err)
		}
		if got, want := vs, versions(bs); !maps.Equal(got, want) {
			t.Errorf("Versions(nil): got %v, want %v", got, want)
		}
		checkCounts(t, s, bs)
	})
}

func testVersions(t *testing.T, open Open) {
	bs := fixture(t, "fp-1")
	with(t, open, func(s graph.Store) {
		if vs, err := s.Versions(bg, nil); err != nil || len(vs) != 0 {
			t.Errorf("empty store: Versions(nil) = %v, %v; want none", vs, err)
		}
		ingest(t, s, bs...)
		a := bs[0].Article
		vs, err := s.Versions(bg, []string{a.ID, "no-such-article"})
		if err != nil {
			t.Fatal(err)
		}
		want := map[string]graph.ArticleVersion{a.ID: {ID: a.ID, Hash: a.Hash, Fingerprint: a.Fingerprint}}
		if !maps.Equal(vs, want) {
			t.Errorf("Versions(%s, no-such-article): got %v, want %v", a.ID, vs, want)
		}
		if v := vs[a.ID]; !v.Current(a.Hash, a.Fingerprint) || v.Current(a.Hash, "fp-2") || v.Current("other", a.Fingerprint) {
			t.Errorf("Current of %v: wrong", v)
		}
	})
}

// testIdempotent ingests the fixture twice, in one session and in two: the
// graph is the same as after one ingest.
func testIdempotent(t *testing.T, open Open) {
	bs := fixture(t, "fp-1")
	var once snapshot
	with(t, open, func(s graph.Store) {
		ingest(t, s, bs...)
		once = snap(t, s)
	})
	with(t, open, func(s graph.Store) {
		ingest(t, s, bs...)
		ingest(t, s, bs...)
		compare(t, "ingested twice", snap(t, s), once)
	})
	with(t, open, func(s graph.Store) {
		ingest(t, s, append(slices.Clone(bs), bs...)...) // twice in one session
		compare(t, "twice in one session", snap(t, s), once)
	})
}

// changed returns another version of the article of b: half its
// relations and quantities, a new hash.
func changed(b graph.Batch) graph.Batch {
	c := b
	c.Article.Hash = b.Article.Hash + "-v2"
	c.Edges = slices.Clone(b.Edges[:len(b.Edges)/2])
	c.Quantities = slices.Clone(b.Quantities[:len(b.Quantities)/2])
	return c
}

// testReplace writes a new version of one article: the graph is the one
// of the other articles and the new version, whatever the order.
func testReplace(t *testing.T, open Open) {
	bs := fixture(t, "fp-1")
	for _, i := range []int{0, len(bs) / 2, len(bs) - 1} {
		v2 := changed(bs[i])
		others := slices.Delete(slices.Clone(bs), i, i+1)
		var want snapshot
		with(t, open, func(s graph.Store) {
			ingest(t, s, append(others, v2)...)
			want = snap(t, s)
		})
		with(t, open, func(s graph.Store) {
			ingest(t, s, bs...)
			ingest(t, s, v2)
			compare(t, "replaced "+v2.Article.ID, snap(t, s), want)
			vs, err := s.Versions(bg, []string{v2.Article.ID})
			if err != nil {
				t.Fatal(err)
			}
			if vs[v2.Article.ID].Hash != v2.Article.Hash {
				t.Errorf("replaced %s: stored hash %q, want %q", v2.Article.ID, vs[v2.Article.ID].Hash, v2.Article.Hash)
			}
		})
		// And back: the first version again gives the first graph.
		with(t, open, func(s graph.Store) {
			ingest(t, s, bs...)
			before := snap(t, s)
			ingest(t, s, v2)
			ingest(t, s, bs[i])
			compare(t, "replaced "+v2.Article.ID+" and back", snap(t, s), before)
		})
	}
}

// testRemove removes one article: the graph is the one of the others.
func testRemove(t *testing.T, open Open) {
	bs := fixture(t, "fp-1")
	for _, i := range []int{0, len(bs) - 1} {
		others := slices.Delete(slices.Clone(bs), i, i+1)
		var want snapshot
		with(t, open, func(s graph.Store) {
			ingest(t, s, others...)
			want = snap(t, s)
		})
		with(t, open, func(s graph.Store) {
			ingest(t, s, bs...)
			remove(t, s, bs[i].Article.ID, "no-such-article")
			compare(t, "removed "+bs[i].Article.ID, snap(t, s), want)
			checkCounts(t, s, others)
		})
	}
}

func testRemoveAll(t *testing.T, open Open) {
	bs := fixture(t, "fp-1")
	with(t, open, func(s graph.Store) {
		ingest(t, s, bs...)
		var ids []string
		for _, b := range bs {
			ids = append(ids, b.Article.ID)
		}
		remove(t, s, ids...)
		checkCounts(t, s, nil)
		if vs, err := s.Versions(bg, nil); err != nil || len(vs) != 0 {
			t.Errorf("Versions(nil) after removing everything = %v, %v; want none", vs, err)
		}
		ingest(t, s, bs...) // takes writes again
		checkCounts(t, s, bs)
	})
}

func testFixtureGolden(t *testing.T, open Open) {
	with(t, open, func(s graph.Store) {
		ingest(t, s, fixture(t, "fp-1")...)
		golden(t, s, filepath.Join(root(t), "queries", "testdata"))
	})
}

func testSamplesGolden(t *testing.T, open Open) {
	with(t, open, func(s graph.Store) {
		ingest(t, s, samples(t)...)
		golden(t, s, filepath.Join(root(t), "queries", "testdata", "seeds"))
		checkCounts(t, s, samples(t))
	})
}

func testStats(t *testing.T, open Open) {
	bs := fixture(t, "fp-1")
	with(t, open, func(s graph.Store) {
		st, err := s.Stats(bg)
		if err != nil {
			t.Fatal(err)
		}
		if st.Schema == "" {
			t.Errorf("empty store: no schema version")
		}
		if st.Bytes < -1 {
			t.Errorf("empty store: %d bytes", st.Bytes)
		}
		checkCounts(t, s, nil)
		ingest(t, s, bs...)
		checkCounts(t, s, bs)
		if st, err = s.Stats(bg); err != nil {
			t.Fatal(err)
		}
		if want := map[string]int64{"fp-1": int64(len(bs))}; !maps.Equal(st.Fingerprints, want) {
			t.Errorf("Fingerprints: got %v, want %v", st.Fingerprints, want)
		}
	})
}

// testFingerprints re-ingests some articles with another fingerprint
// (the same sources, extracted again): versions and stats follow, the
// graph does not change.
func testFingerprints(t *testing.T, open Open) {
	bs := fixture(t, "fp-1")
	with(t, open, func(s graph.Store) {
		ingest(t, s, bs...)
		before := snap(t, s)
		again := []graph.Batch{bs[0], bs[len(bs)-1]}
		for i := range again {
			again[i].Article.Fingerprint = "fp-2"
		}
		ingest(t, s, again...)
		vs, err := s.Versions(bg, nil)
		if err != nil {
			t.Fatal(err)
		}
		want := versions(bs)
		for _, b := range again {
			want[b.Article.ID] = graph.ArticleVersion{ID: b.Article.ID, Hash: b.Article.Hash, Fingerprint: "fp-2"}
		}
		if !maps.Equal(vs, want) {
			t.Errorf("Versions: got %v, want %v", vs, want)
		}
		st, err := s.Stats(bg)
		if err != nil {
			t.Fatal(err)
		}
		wantFP := map[string]int64{"fp-1": int64(len(bs) - 2), "fp-2": 2}
		if !maps.Equal(st.Fingerprints, wantFP) {
			t.Errorf("Fingerprints: got %v, want %v", st.Fingerprints, wantFP)
		}
		after := snap(t, s)
		after.versions, before.versions = nil, nil
		compare(t, "re-extracted with the same result", after, before)
	})
}

// testSessionVersions: a session sees what it wrote before it is durable.
func testSessionVersions(t *testing.T, open Open) {
	bs := fixture(t, "fp-1")
	with(t, open, func(s graph.Store) {
		w, err := s.Begin(bg)
		if err != nil {
			t.Fatal(err)
		}
		a := bs[0].Article
		if err := w.Put(bs[0]); err != nil {
			t.Fatal(err)
		}
		vs, err := w.Versions([]string{a.ID, bs[1].Article.ID})
		if err != nil {
			t.Fatal(err)
		}
		want := map[string]graph.ArticleVersion{a.ID: {ID: a.ID, Hash: a.Hash, Fingerprint: a.Fingerprint}}
		if !maps.Equal(vs, want) {
			t.Errorf("session Versions after Put: got %v, want %v", vs, want)
		}
		if err := w.Flush(); err != nil {
			t.Fatal(err)
		}
		if n := w.Durable(); n != 1 {
			t.Errorf("Durable after one Put and Flush: %d, want 1", n)
		}
		if err := w.Commit(); err != nil {
			t.Fatal(err)
		}
		if w.Summary() == "" {
			t.Errorf("no summary after Commit")
		}
		if vs, err = s.Versions(bg, []string{a.ID}); err != nil || !maps.Equal(vs, want) {
			t.Errorf("Versions after Commit: got %v, %v; want %v", vs, err, want)
		}
	})
}

// testRollback: after a Flush, a rollback keeps what was flushed; an
// atomic store drops the rest.
func testRollback(t *testing.T, open Open) {
	bs := fixture(t, "fp-1")
	with(t, open, func(s graph.Store) {
		w, err := s.Begin(bg)
		if err != nil {
			t.Fatal(err)
		}
		if err := w.Put(bs[0]); err != nil {
			t.Fatal(err)
		}
		if err := w.Flush(); err != nil {
			t.Fatal(err)
		}
		if err := w.Put(bs[1]); err != nil {
			t.Fatal(err)
		}
		atomic := w.Atomic()
		if err := w.Rollback(); err != nil {
			t.Fatal(err)
		}
		if err := w.Rollback(); err != nil {
			t.Errorf("second Rollback: %v", err)
		}
		vs, err := s.Versions(bg, nil)
		if err != nil {
			t.Fatal(err)
		}
		if _, ok := vs[bs[0].Article.ID]; !ok {
			t.Errorf("the flushed article is gone after Rollback")
		}
		if _, ok := vs[bs[1].Article.ID]; ok && atomic {
			t.Errorf("an atomic store kept an article written after the last Flush")
		}
		if atomic {
			checkCounts(t, s, bs[:1])
		}
	})
}

func testClosedWriter(t *testing.T, open Open) {
	bs := fixture(t, "fp-1")
	with(t, open, func(s graph.Store) {
		w, err := s.Begin(bg)
		if err != nil {
			t.Fatal(err)
		}
		if err := w.Commit(); err != nil {
			t.Fatal(err)
		}
		if err := w.Put(bs[0]); err == nil {
			t.Errorf("Put after Commit: no error")
		}
		if err := w.Rollback(); err != nil {
			t.Errorf("Rollback after Commit: %v", err)
		}
		checkCounts(t, s, nil)
	})
}

// testRemoveInSession writes and removes articles in one session: what
// the session removed is gone, whether it was durable or not.
func testRemoveInSession(t *testing.T, open Open) {
	bs := fixture(t, "fp-1")
	with(t, open, func(s graph.Store) {
		ingest(t, s, bs[0])
		w, err := s.Begin(bg)
		if err != nil {
			t.Fatal(err)
		}
		for _, b := range bs[1:] {
			if err := w.Put(b); err != nil {
				t.Fatal(err)
			}
		}
		gone := []string{bs[0].Article.ID, bs[1].Article.ID} // durable, and written in this session
		if err := w.Remove(gone); err != nil {
			t.Fatal(err)
		}
		vs, err := w.Versions(gone)
		if err != nil {
			t.Fatal(err)
		}
		if len(vs) != 0 {
			t.Errorf("session Versions after Remove: %v, want none", vs)
		}
		if err := w.Commit(); err != nil {
			t.Fatal(err)
		}
		checkCounts(t, s, bs[2:])
	})
}

// copies returns n copies of the fixture's articles under new ids (the
// same entities, relations and quantities, stated by more articles).
func copies(t *testing.T, n int, fingerprint string) []graph.Batch {
	t.Helper()
	var out []graph.Batch
	for i := 0; i < n; i++ {
		for _, d := range fixtureDocs(t) {
			d.Doc.ID = fmt.Sprintf("%s-copy%03d", d.Doc.ID, i)
			d.Doc.Hash = d.Doc.ID
			for j := range d.Entities {
				d.Entities[j].Mentions = withoutDoc(d.Entities[j].Mentions)
			}
			for j := range d.Relations {
				d.Relations[j].Evidence = withoutDoc(d.Relations[j].Evidence)
			}
			for j := range d.Quantities {
				d.Quantities[j].Evidence = withoutDoc(d.Quantities[j].Evidence)
			}
			b := graph.Build(d)
			b.Article.Fingerprint = fingerprint
			out = append(out, b)
		}
	}
	return out
}

// withoutDoc returns spans with Doc unset: the article's own.
func withoutDoc(spans []extract.Span) []extract.Span {
	out := slices.Clone(spans)
	for i := range out {
		out[i].Doc = ""
	}
	return out
}

// testManyArticles writes more articles in one session than a store
// buffers or commits at once (Neo4j loads 500 at a time), then removes
// most of them.
func testManyArticles(t *testing.T, open Open) {
	bs := copies(t, 180, "fp-1")
	with(t, open, func(s graph.Store) {
		ingest(t, s, bs...)
		vs, err := s.Versions(bg, nil)
		if err != nil {
			t.Fatal(err)
		}
		if !maps.Equal(vs, versions(bs)) {
			t.Errorf("Versions(nil): %d articles, want %d", len(vs), len(bs))
		}
		checkCounts(t, s, bs)
		var ids []string
		for _, b := range bs[10:] {
			ids = append(ids, b.Article.ID)
		}
		remove(t, s, ids...)
		checkCounts(t, s, bs[:10])
	})
}

// versions returns the versions of batches (the last batch of an article
// wins).
func versions(bs []graph.Batch) map[string]graph.ArticleVersion {
	out := map[string]graph.ArticleVersion{}
	for _, b := range bs {
		a := b.Article
		out[a.ID] = graph.ArticleVersion{ID: a.ID, Hash: a.Hash, Fingerprint: a.Fingerprint}
	}
	return out
}

// expectedCounts is the size of the graph of batches, one per article,
// from the graph model: a node per distinct entity id, a relationship
// per distinct relation key, a Quantity per distinct quantity key, a
// MENTIONS per mention row.
func expectedCounts(bs []graph.Batch) graph.Counts {
	c := graph.NewCounts()
	nodes, edges, quants := map[string]string{}, map[string]string{}, map[string]graph.QuantityRow{}
	last := map[string]graph.Batch{}
	for _, b := range bs {
		last[b.Article.ID] = b
	}
	for _, b := range last {
		c.Nodes["Article"]++
		for _, n := range b.Nodes {
			nodes[n.ID] = n.Label
		}
		for _, e := range b.Edges {
			edges[e.Key] = e.Type
		}
		for _, q := range b.Quantities {
			quants[q.Key] = q
		}
		c.Rels["MENTIONS"] += int64(len(b.Mentions))
	}
	for _, l := range nodes {
		c.Nodes[l]++
	}
	for _, typ := range edges {
		c.Rels[typ]++
	}
	for _, q := range quants {
		c.Nodes["Quantity"]++
		c.Rels["QUANTIFIES"]++
		if q.Of != "" {
			c.Rels["OF"]++
		}
	}
	return c
}

func checkCounts(t *testing.T, s graph.Store, bs []graph.Batch) {
	t.Helper()
	st, err := s.Stats(bg)
	if err != nil {
		t.Fatal(err)
	}
	want := expectedCounts(bs)
	if !maps.Equal(st.Nodes, want.Nodes) {
		t.Errorf("node counts: got %v, want %v", st.Nodes, want.Nodes)
	}
	if !maps.Equal(st.Rels, want.Rels) {
		t.Errorf("relationship counts: got %v, want %v", st.Rels, want.Rels)
	}
	var n int64
	for _, v := range st.Fingerprints {
		n += v
	}
	if n != want.Nodes["Article"] {
		t.Errorf("articles by fingerprint %v: %d in all, want %d", st.Fingerprints, n, want.Nodes["Article"])
	}
}

// snapshot is what the suite compares graphs by: counts, versions, and the
// rows of every canned query on the fixture's parameters and on every
// entity name a query parameter can take.
type snapshot struct {
	counts   graph.Counts
	versions map[string]graph.ArticleVersion
	rows     map[string]string // "query params" -> normalized rows as JSON
}

func snap(t *testing.T, s graph.Store) snapshot {
	t.Helper()
	st, err := s.Stats(bg)
	if err != nil {
		t.Fatal(err)
	}
	vs, err := s.Versions(bg, nil)
	if err != nil {
		t.Fatal(err)
	}
	out := snapshot{counts: st.Counts, versions: vs, rows: map[string]string{}}
	if x, ok := s.(graph.Explorer); ok {
		explored(t, x, out.rows)
	}
	for _, q := range queries.All() {
		for _, p := range paramSets(t, q) {
			b, err := q.Bind(p)
			if err != nil {
				t.Fatalf("%s %v: %v", q.Name, p, err)
			}
			res, err := s.Run(bg, q, b)
			if err != nil {
				t.Fatalf("%s %v: %v", q.Name, p, err)
			}
			out.rows[fmt.Sprint(q.Name, " ", p)] = normalized(t, q, res)
		}
	}
	return out
}

func compare(t *testing.T, what string, got, want snapshot) {
	t.Helper()
	if !maps.Equal(got.counts.Nodes, want.counts.Nodes) || !maps.Equal(got.counts.Rels, want.counts.Rels) {
		t.Errorf("%s: counts %v, want %v", what, got.counts, want.counts)
	}
	if !maps.Equal(got.versions, want.versions) {
		t.Errorf("%s: versions %v, want %v", what, got.versions, want.versions)
	}
	for _, k := range slices.Sorted(maps.Keys(want.rows)) {
		if got.rows[k] != want.rows[k] {
			t.Errorf("%s: %s:\ngot  %s\nwant %s", what, k, got.rows[k], want.rows[k])
		}
	}
}

// paramSets are the parameters a snapshot runs q with: the fixture's
// (queries/testdata/params.json) and, for one-name queries, every name
// the fixture's articles give.
func paramSets(t *testing.T, q queries.Query) []map[string]string {
	t.Helper()
	params := goldenParams(t, filepath.Join(root(t), "queries", "testdata"))
	out := []map[string]string{params[q.Name]}
	if len(q.Params) != 1 || q.Params[0].Type != "key" {
		return out
	}
	for _, name := range fixtureNames(t) {
		out = append(out, map[string]string{q.Params[0].Name: name})
	}
	return out
}

var (
	namesOnce sync.Once
	names     []string
)

func fixtureNames(t *testing.T) []string {
	namesOnce.Do(func() {
		seen := map[string]bool{}
		for _, b := range fixture(t, "") {
			for _, n := range b.Nodes {
				if !seen[n.Name] {
					seen[n.Name] = true
					names = append(names, n.Name)
				}
			}
		}
		slices.Sort(names)
	})
	return names
}

func normalized(t *testing.T, q queries.Query, res queries.Result) string {
	t.Helper()
	// JSON text compares 1 and 1.0 alike.
	b, err := json.Marshal(q.Normalize(res))
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// golden runs every canned query with dir/params.json and compares the
// rows with dir/golden/NAME.json, the files every store is held to.
func golden(t *testing.T, s graph.Store, dir string) {
	t.Helper()
	params := goldenParams(t, dir)
	for _, q := range queries.All() {
		t.Run(q.Name, func(t *testing.T) {
			p, ok := params[q.Name]
			if !ok {
				t.Fatalf("%s has no params for %s", filepath.Join(dir, "params.json"), q.Name)
			}
			b, err := q.Bind(p)
			if err != nil {
				t.Fatal(err)
			}
			got, err := s.Run(bg, q, b)
			if err != nil {
				t.Fatal(err)
			}
			raw, err := os.ReadFile(filepath.Join(dir, "golden", q.Name+".json"))
			if err != nil {
				t.Fatal(err)
			}
			var want queries.Result
			if err := json.Unmarshal(raw, &want); err != nil {
				t.Fatal(err)
			}
			if g, w := normalized(t, q, got), normalized(t, q, want); g != w {
				t.Errorf("got\n%s\nwant\n%s", g, w)
			}
		})
	}
}

func goldenParams(t *testing.T, dir string) map[string]map[string]string {
	t.Helper()
	raw, err := os.ReadFile(filepath.Join(dir, "params.json"))
	if err != nil {
		t.Fatal(err)
	}
	var params map[string]map[string]string
	if err := json.Unmarshal(raw, &params); err != nil {
		t.Fatalf("decoding %s: %v", filepath.Join(dir, "params.json"), err)
	}
	return params
}

// root returns the repository's root: the first parent with go.mod.
func root(t *testing.T) string {
	t.Helper()
	dir, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return dir
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			t.Fatal("no go.mod above the working directory")
		}
		dir = parent
	}
}

// fixtureDocs returns the articles of graph/testdata/fixture.json.
func fixtureDocs(t *testing.T) []extract.DocResult {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(root(t), "graph", "testdata", "fixture.json"))
	if err != nil {
		t.Fatal(err)
	}
	var docs []extract.DocResult
	dec := json.NewDecoder(bytes.NewReader(b))
	if err := dec.Decode(&docs); err != nil {
		t.Fatalf("decoding the fixture: %v", err)
	}
	return docs
}

// fixture returns the batches of the fixture's articles, with this
// extractor fingerprint.
func fixture(t *testing.T, fingerprint string) []graph.Batch {
	t.Helper()
	docs := fixtureDocs(t)
	out := make([]graph.Batch, len(docs))
	for i, d := range docs {
		out[i] = graph.Build(d)
		out[i].Article.Fingerprint = fingerprint
	}
	return out
}

var (
	samplesOnce sync.Once
	sampleRows  []graph.Batch
	samplesErr  error
)

// samples returns the batches of the repository's samples (seeds/),
// extracted once with the embedded extractor.
func samples(t *testing.T) []graph.Batch {
	t.Helper()
	samplesOnce.Do(func() {
		x, err := extract.Default()
		if err != nil {
			samplesErr = err
			return
		}
		samplesErr = reader.WalkWith(bg, []string{filepath.Join(root(t), "seeds")}, func(d extract.Document) error {
			sampleRows = append(sampleRows, graph.Build(x.Extract(d)))
			return nil
		}, reader.Options{OnError: func(where string, err error) { samplesErr = fmt.Errorf("reading %s: %w", where, err) }})
	})
	if samplesErr != nil {
		t.Fatal(samplesErr)
	}
	if len(sampleRows) != 5 {
		t.Fatalf("got %d samples, want 5", len(sampleRows))
	}
	return sampleRows
}

// explored adds to rows what Explorer returns for every entity.
func explored(t *testing.T, x graph.Explorer, rows map[string]string) {
	t.Helper()
	ents, err := x.Entities(bg)
	if err != nil {
		t.Fatal(err)
	}
	ids := make([]string, len(ents))
	for i, e := range ents {
		ids[i] = e.ID
	}
	put := func(key string, v any, err error) {
		t.Helper()
		if err != nil {
			t.Fatalf("Explorer.%s: %v", key, err)
		}
		b, err := json.Marshal(v)
		if err != nil {
			t.Fatal(err)
		}
		rows["explorer "+key] = string(b)
	}
	put("Entities", ents, nil)
	nb, err := x.Neighbours(bg, ids)
	put("Neighbours", nb, err)
	links, err := x.Links(bg, ids)
	put("Links", links, err)
	mc, err := x.MentionCounts(bg, ids)
	put("MentionCounts", mc, err)
	for _, id := range ids {
		arts, n, err := x.ArticlesMentioning(bg, id, 0)
		put("ArticlesMentioning "+id, []any{arts, n}, err)
	}
}

// testExplorer checks a store's graph.Explorer, when it has one, against
// the articles' rows: the entities, their relations and neighbours, and
// the articles mentioning them.
func testExplorer(t *testing.T, open Open) {
	for _, set := range []struct {
		name string
		bs   []graph.Batch
	}{{"fixture", fixture(t, "fp-1")}, {"samples", samples(t)}} {
		with(t, open, func(s graph.Store) {
			x, ok := s.(graph.Explorer)
			if !ok {
				t.Skipf("%T does not implement graph.Explorer", s)
			}
			ingest(t, s, set.bs...)
			checkExplorer(t, set.name, x, set.bs)
		})
	}
}

func checkExplorer(t *testing.T, what string, x graph.Explorer, bs []graph.Batch) {
	t.Helper()
	labels := map[string]string{}
	mentioned := map[string]int{}
	type link struct {
		typ, from, to string
		articles      int
	}
	links := map[string]*link{}
	for _, b := range bs {
		for _, n := range b.Nodes {
			labels[n.ID] = n.Label
		}
		for _, m := range b.Mentions {
			mentioned[m.Node]++
		}
		for _, e := range b.Edges {
			if !slices.Contains(extract.RelationTypes, e.Type) {
				continue
			}
			if links[e.Key] == nil {
				links[e.Key] = &link{typ: e.Type, from: e.From, to: e.To}
			}
			links[e.Key].articles++
		}
	}
	ents, err := x.Entities(bg)
	if err != nil {
		t.Fatal(err)
	}
	var ids []string
	for _, e := range ents {
		ids = append(ids, e.ID)
		if labels[e.ID] != e.Label || e.Name == "" {
			t.Errorf("%s: entity %+v: want label %q and a name", what, e, labels[e.ID])
		}
	}
	if want := slices.Sorted(maps.Keys(labels)); !slices.Equal(ids, want) {
		t.Errorf("%s: Entities: ids %v, want %v (sorted)", what, ids, want)
	}
	mc, err := x.MentionCounts(bg, ids)
	if err != nil {
		t.Fatal(err)
	}
	if !maps.Equal(mc, mentioned) {
		t.Errorf("%s: MentionCounts: %v, want %v", what, mc, mentioned)
	}
	for _, id := range ids {
		arts, n, err := x.ArticlesMentioning(bg, id, 0)
		if err != nil {
			t.Fatal(err)
		}
		if n != mentioned[id] || len(arts) != n {
			t.Errorf("%s: ArticlesMentioning(%s): %d (%d listed), want %d", what, id, n, len(arts), mentioned[id])
		}
		sorted := slices.Clone(arts)
		graph.SortArticles(sorted)
		if !slices.Equal(sorted, arts) {
			t.Errorf("%s: ArticlesMentioning(%s) not by date then id: %v", what, id, arts)
		}
	}
	got, err := x.Links(bg, ids)
	if err != nil {
		t.Fatal(err)
	}
	neighbours := map[string][]string{}
	var keys []string
	for _, l := range got {
		keys = append(keys, l.Key)
		w := links[l.Key]
		if w == nil || l.Type != w.typ || l.From != w.from || l.To != w.to || l.Articles != w.articles {
			t.Errorf("%s: link %+v, want %+v", what, l, w)
		}
	}
	for _, w := range links {
		neighbours[w.from] = append(neighbours[w.from], w.to)
		neighbours[w.to] = append(neighbours[w.to], w.from)
	}
	for id, ns := range neighbours {
		slices.Sort(ns)
		neighbours[id] = slices.Compact(ns)
	}
	if want := slices.Sorted(maps.Keys(links)); !slices.Equal(keys, want) {
		t.Errorf("%s: Links: keys %v, want %v (sorted)", what, keys, want)
	}
	nb, err := x.Neighbours(bg, ids)
	if err != nil {
		t.Fatal(err)
	}
	if !maps.EqualFunc(nb, neighbours, slices.Equal) {
		t.Errorf("%s: Neighbours: %v, want %v", what, nb, neighbours)
	}
	if ll, ok := x.(graph.LinkLister); ok {
		checkLinkLister(t, what, x, ll, ids)
	}
}

// checkLinkLister checks that a graph.LinkLister's reads say what Links
// and EntitiesByID say.
func checkLinkLister(t *testing.T, what string, x graph.Explorer, ll graph.LinkLister, ids []string) {
	t.Helper()
	ents, err := x.EntitiesByID(bg, ids)
	if err != nil {
		t.Fatal(err)
	}
	byID := map[string]graph.Entity{}
	for _, e := range ents {
		byID[e.ID] = e
	}
	for _, id := range ids {
		all, err := x.Links(bg, []string{id})
		if err != nil {
			t.Fatal(err)
		}
		ends, err := ll.LinksOf(bg, id)
		if err != nil {
			t.Fatal(err)
		}
		slices.SortFunc(ends, func(a, b graph.LinkEnd) int { return strings.Compare(a.Key, b.Key) })
		if len(ends) != len(all) {
			t.Errorf("%s: LinksOf(%s): %d relations, Links has %d", what, id, len(ends), len(all))
			continue
		}
		var keys []string
		var pairs [][2]string
		for i, l := range all {
			keys = append(keys, l.Key)
			pairs = append(pairs, [2]string{l.To, l.From})
			want := l
			want.Evidence = nil
			got := ends[i]
			o := byID[l.Other(id)]
			wantOther := graph.Entity{ID: o.ID, Label: o.Label, Name: o.Name}
			if d, ok := o.Props["date"]; ok && o.Label == "Event" {
				wantOther.Props = map[string]any{"date": d}
			}
			if !reflect.DeepEqual(got.Link, want) || !reflect.DeepEqual(got.Other, wantOther) {
				t.Errorf("%s: LinksOf(%s)[%d] = %+v, want %+v with %+v", what, id, i, got, want, wantOther)
			}
		}
		byKey, err := ll.LinksByKey(bg, append(slices.Clone(keys), "PARTNER_OF|no|such"))
		if err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(byKey, all) && len(all) > 0 {
			t.Errorf("%s: LinksByKey of %s's keys = %+v, want %+v", what, id, byKey, all)
		}
		between, err := ll.LinksBetween(bg, pairs)
		if err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(between, all) && len(all) > 0 {
			t.Errorf("%s: LinksBetween the ends of %s's relations = %+v, want %+v", what, id, between, all)
		}
	}
}

// testCurator checks graph.Curator: every article contributing a record
// of an entity, mentioned or not, with its stored path, hash and
// fingerprint.
func testCurator(t *testing.T, open Open) {
	bs := samples(t)
	with(t, open, func(s graph.Store) {
		c, ok := s.(graph.Curator)
		if !ok {
			t.Skipf("%T does not implement graph.Curator", s)
		}
		ingest(t, s, bs...)
		want := map[string][]graph.ArticleRow{}
		var all []string
		for _, b := range bs {
			for _, n := range b.Nodes {
				if want[n.ID] == nil {
					all = append(all, n.ID)
				}
				want[n.ID] = append(want[n.ID], b.Article)
			}
		}
		unmentioned := 0
		for _, id := range all {
			got, err := c.Contributors(bg, []string{id})
			if err != nil {
				t.Fatal(err)
			}
			w := want[id]
			slices.SortFunc(w, func(a, b graph.ArticleRow) int { return strings.Compare(a.ID, b.ID) })
			if !reflect.DeepEqual(got, w) {
				t.Errorf("Contributors(%s) = %+v, want %+v", id, got, w)
			}
			if n, _ := c.(graph.Explorer); n != nil {
				if _, k, _ := n.ArticlesMentioning(bg, id, 0); k < len(w) {
					unmentioned++
				}
			}
		}
		if _, isX := s.(graph.Explorer); isX && unmentioned == 0 {
			t.Errorf("no entity of the samples has a contributing article that does not mention it: the test checks nothing about them")
		}
		got, err := c.Contributors(bg, all)
		if err != nil {
			t.Fatal(err)
		}
		if len(got) != len(bs) {
			t.Errorf("Contributors(every entity) = %d articles, want %d", len(got), len(bs))
		}
		if got, err := c.Contributors(bg, []string{"city:not-there"}); err != nil || len(got) != 0 {
			t.Errorf("Contributors(unknown id) = %v, %v; want none", got, err)
		}
	})
}

// testCurated checks that a store holds what curation decisions make of
// the samples (graph/curate): a merge is one node with both names and
// both relations, a rejected entity and relation are gone.
func testCurated(t *testing.T, open Open) {
	set, err := curate.New([]curate.Decision{
		{Action: curate.Merge, ID: "city:hanoi", Other: "city:da-nang", Name: "Da Nang"},
		{Action: curate.Alias, ID: "city:seoul", Name: "Capital of the South"},
		{Action: curate.RejectEntity, ID: "country:south-korea"},
		{Action: curate.RejectRelation, Type: "PARTNER_OF", ID: "city:toulouse", Other: "city:hanoi"},
	})
	if err != nil {
		t.Fatal(err)
	}
	x, err := extract.Default()
	if err != nil {
		t.Fatal(err)
	}
	var bs []graph.Batch
	err = reader.WalkWith(bg, []string{filepath.Join(root(t), "seeds")}, func(d extract.Document) error {
		bs = append(bs, graph.Build(set.Apply(x.Extract(d))))
		return nil
	}, reader.Options{})
	if err != nil {
		t.Fatal(err)
	}
	with(t, open, func(s graph.Store) {
		ex, ok := s.(graph.Explorer)
		if !ok {
			t.Skipf("%T does not implement graph.Explorer", s)
		}
		ingest(t, s, bs...)
		es, err := ex.EntitiesByID(bg, []string{"city:hanoi", "city:da-nang", "city:seoul", "country:south-korea"})
		if err != nil {
			t.Fatal(err)
		}
		byID := map[string]graph.Entity{}
		for _, e := range es {
			byID[e.ID] = e
		}
		if _, ok := byID["city:da-nang"]; ok {
			t.Errorf("city:da-nang is stored after its merge into city:hanoi")
		}
		if _, ok := byID["country:south-korea"]; ok {
			t.Errorf("country:south-korea is stored after its rejection")
		}
		if h := byID["city:hanoi"]; !slices.Contains(h.Aliases, "Da Nang") {
			t.Errorf("city:hanoi aliases = %v, want Da Nang among them", h.Aliases)
		}
		if !slices.Contains(byID["city:seoul"].Aliases, "Capital of the South") {
			t.Errorf("city:seoul aliases = %v, want the alias added", byID["city:seoul"].Aliases)
		}
		links, err := ex.Links(bg, []string{"city:hanoi"})
		if err != nil {
			t.Fatal(err)
		}
		seoul := false
		for _, l := range links {
			if l.Type == "PARTNER_OF" && l.Other("city:hanoi") == "city:toulouse" {
				t.Errorf("the rejected PARTNER_OF city:hanoi city:toulouse is stored: %+v", l)
			}
			seoul = seoul || (l.Type == "PARTNER_OF" && l.Other("city:hanoi") == "city:seoul")
			if l.Other("city:hanoi") == "country:south-korea" {
				t.Errorf("a relation of the rejected country:south-korea is stored: %+v", l)
			}
		}
		if !seoul {
			t.Errorf("PARTNER_OF city:hanoi city:seoul is gone, want it kept")
		}
		merged := 0
		for _, b := range bs {
			for _, n := range b.Nodes {
				if n.ID == "city:hanoi" {
					merged++
				}
			}
		}
		if n, err := ex.MentionCounts(bg, []string{"city:hanoi"}); err != nil || n["city:hanoi"] != merged {
			t.Errorf("articles mentioning the merged city:hanoi = %v (%v), want %d", n, err, merged)
		}
	})
}
