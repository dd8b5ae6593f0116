package neo4j

import (
	"context"
	"errors"
	"fmt"
	"testing"

	"github.com/kg-dev/kg/graph"
)

// fakeGraph is a Graph over the fake executor.
func fakeGraph(t *testing.T, f *fakeExec) *Graph {
	t.Helper()
	l, err := NewLoader(f, 1000)
	if err != nil {
		t.Fatal(err)
	}
	return (&Store{Loader: l, exec: f, database: "neo4j", target: "bolt://db.example:7687"}).Graph()
}

func articleBatch(i int) graph.Batch {
	b := graph.Batch{Article: graph.ArticleRow{ID: fmt.Sprintf("a%04d", i), Hash: "h"}}
	b.Nodes = []graph.NodeRow{{ID: fmt.Sprintf("city:c%d", i%7), Label: "City", Name: fmt.Sprintf("C%d", i%7)}}
	return b
}

// TestWriterFailedLoadStopsTheSession: a failed load fails the Put that
// started it (the ingest stops), and every later Put and Commit (Commit
// returned nil before, the failed batch dropped); what it did not load is
// not durable.
func TestWriterFailedLoadStopsTheSession(t *testing.T) {
	f := newFakeExec(t)
	want := errors.New("disk on fire")
	f.failOn, f.failErr = stNodeRecordsNew, want
	g := fakeGraph(t, f)
	w, err := g.Begin(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	var putErr error
	for i := range 3 * LoadArticles {
		if putErr = w.Put(articleBatch(i)); putErr != nil {
			break
		}
	}
	if !errors.Is(putErr, want) {
		t.Errorf("Put after a failed load: %v, want %v", putErr, want)
	}
	if err := w.Commit(); !errors.Is(err, want) {
		t.Errorf("Commit after a failed load: %v, want %v", err, want)
	}
	if d := w.Durable(); d != 0 {
		t.Errorf("%d articles durable, want 0", d)
	}
}

// versionsFake makes f answer the writer's article count and version
// reads from f.hashes (Graph.Versions and Graph.articles are not loader
// statements), and returns the function that counts those reads.
func versionsFake(f *fakeExec) (reads func() int) {
	f.names[cypherArticles] = "test-count-articles"
	f.names[cypherVersions] = "test-versions"
	f.names[cypherAllVersions] = "test-all-versions"
	f.extra = func(name string, p map[string]any) (Rows, bool) {
		out := Rows{Keys: []string{"id", "hash", "fingerprint"}}
		switch name {
		case "test-count-articles":
			return Rows{Keys: []string{"n"}, Values: [][]any{{int64(len(f.hashes))}}}, true
		case "test-versions":
			for _, id := range p["ids"].([]string) {
				if h, ok := f.hashes[id]; ok {
					out.Values = append(out.Values, []any{id, h, "fp"})
				}
			}
			return out, true
		case "test-all-versions":
			for id, h := range f.hashes {
				out.Values = append(out.Values, []any{id, h, "fp"})
			}
			return out, true
		}
		return Rows{}, false
	}
	return func() int {
		n := 0
		for _, tx := range f.txs {
			if !tx.Write {
				n++
			}
		}
		return n
	}
}

// TestWriterListsVersions: a session looks articles up one read at a
// time until it has asked for a hundredth of those stored, then reads
// them all once (20,000 reads for 10,000 articles before); the list
// answers as the database would, with the articles written and not
// loaded yet, and Put and Remove keep it so.
func TestWriterListsVersions(t *testing.T) {
	for _, stored := range []int{0, 1000} {
		t.Run(fmt.Sprintf("%d stored", stored), func(t *testing.T) {
			f := newFakeExec(t)
			reads := versionsFake(f)
			for i := range stored {
				f.hashes[fmt.Sprintf("a%04d", i)] = "h"
			}
			w, err := fakeGraph(t, f).Begin(context.Background())
			if err != nil {
				t.Fatal(err)
			}
			early := articleBatch(4000) // written before the list is read, not loaded yet
			early.Article.Fingerprint = "fp0"
			if err := w.Put(early); err != nil {
				t.Fatal(err)
			}
			before := reads()
			for i := range 2000 {
				id := fmt.Sprintf("a%04d", i)
				vs, err := w.Versions([]string{id})
				if err != nil {
					t.Fatal(err)
				}
				if _, got := vs[id]; got != (i < stored) {
					t.Fatalf("lookup %d: %s stored %v, want %v", i, id, got, i < stored)
				}
			}
			// the count, a hundredth of the stored one at a time, the list
			if got, want := reads()-before, 2+stored/listShare; got != want {
				t.Errorf("2,000 lookups took %d reads, want %d", got, want)
			}
			if vs, err := w.Versions([]string{early.Article.ID}); err != nil || vs[early.Article.ID].Fingerprint != "fp0" {
				t.Errorf("an article written before the list was read: %v %v, want it", vs, err)
			}
			b := articleBatch(5000)
			b.Article.Fingerprint = "fp2"
			if err := w.Put(b); err != nil {
				t.Fatal(err)
			}
			if vs, err := w.Versions([]string{b.Article.ID}); err != nil || vs[b.Article.ID].Fingerprint != "fp2" {
				t.Errorf("after Put: %v %v, want the article written", vs, err)
			}
			if stored == 0 {
				return
			}
			if err := w.Remove([]string{"a0001"}); err != nil {
				t.Fatal(err)
			}
			if vs, err := w.Versions([]string{"a0001", "a0002"}); err != nil || len(vs) != 1 {
				t.Errorf("after Remove of a0001: %v %v, want a0002 alone", vs, err)
			}
		})
	}
}
