package neo4j

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"testing"
	"time"

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

// TestWriterLoadsInTheBackground: a write session hands each
// LoadArticles batches to a load in the background and goes on
// buffering (the ingest keeps extracting while Neo4j writes), one load
// at a time and in order; Commit waits for them all.
func TestWriterLoadsInTheBackground(t *testing.T) {
	f := newFakeExec(t)
	release := make(chan struct{})
	var once sync.Once
	f.extra = func(name string, _ map[string]any) (Rows, bool) {
		if name == stArticleCommit {
			once.Do(func() { <-release }) // the first load hangs at its end
		}
		return Rows{}, false
	}
	g := fakeGraph(t, f)
	w, err := g.Begin(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	put := make(chan error, 1)
	go func() {
		for i := range 2*LoadArticles - 1 {
			if err := w.Put(articleBatch(i)); err != nil {
				put <- err
				return
			}
		}
		put <- nil
	}()
	select {
	case err := <-put:
		if err != nil {
			t.Fatal(err)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("Put blocked while the first load was in flight")
	}
	if d := w.Durable(); d != 0 {
		t.Errorf("while the first load hangs: %d articles durable, want 0", d)
	}
	close(release)
	if err := w.Commit(); err != nil {
		t.Fatal(err)
	}
	if d := w.Durable(); d != 2*LoadArticles-1 {
		t.Errorf("after Commit: %d articles durable, want %d", d, 2*LoadArticles-1)
	}
	if len(f.hashes) != 2*LoadArticles-1 {
		t.Errorf("after Commit: %d articles committed in Neo4j, want %d", len(f.hashes), 2*LoadArticles-1)
	}
}

// TestWriterFailedLoadStopsTheSession: a load that fails in the
// background fails a later Put (the ingest stops) and Commit, and what
// it did not load is not durable.
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
		if i == LoadArticles {
			time.Sleep(50 * time.Millisecond) // let the first load fail
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
