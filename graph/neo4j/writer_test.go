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
