package sqlite

import (
	"context"
	"fmt"
	"testing"

	"github.com/kg-dev/kg/graph"
)

// TestWriterVersionsList checks the writer's versions past listAfter
// lookups, when they come from one list of every article: the same
// answers as a lookup each, the session's own writes and removals
// included, file stamps included, and a list read again after another
// connection changed the store.
func TestWriterVersionsList(t *testing.T) {
	s, _ := openTemp(t)
	ctx := context.Background()
	g := s.Graph()
	article := func(i int, hash string) graph.Batch {
		a := graph.ArticleRow{ID: fmt.Sprintf("a%05d", i), Path: fmt.Sprintf("in/a%05d.txt", i), Hash: hash, Fingerprint: "fp"}
		if i%2 == 0 {
			a.File = graph.FileStamp{Path: a.Path, Size: int64(100 + i), ModTime: int64(i) * 1e9}
		}
		return graph.Batch{Article: a}
	}
	w, err := g.Begin(ctx)
	if err != nil {
		t.Fatal(err)
	}
	n := listAfter + 50
	for i := range n {
		if err := w.Put(article(i, "h1")); err != nil {
			t.Fatal(err)
		}
	}
	if err := w.Commit(); err != nil {
		t.Fatal(err)
	}

	w, err = g.Begin(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer w.Rollback()
	want := func(i int, hash string) graph.ArticleVersion {
		a := article(i, hash).Article
		return graph.ArticleVersion{ID: a.ID, Hash: a.Hash, Fingerprint: a.Fingerprint, File: a.File}
	}
	check := func(i int, hash string, stored bool) {
		t.Helper()
		id := fmt.Sprintf("a%05d", i)
		vs, err := w.Versions([]string{id})
		if err != nil {
			t.Fatal(err)
		}
		v, ok := vs[id]
		switch {
		case ok != stored:
			t.Errorf("%s: stored %v, want %v", id, ok, stored)
		case ok && v != want(i, hash):
			t.Errorf("%s: got %+v, want %+v", id, v, want(i, hash))
		}
	}
	// One by one, then from the list: the same versions.
	for i := range n {
		check(i, "h1", true)
	}
	if w.(*writer).listed == nil {
		t.Fatalf("after %d lookups the writer has not listed the versions", n)
	}
	check(n, "", false)
	// The session's own writes and removals.
	if err := w.Put(article(3, "h2")); err != nil {
		t.Fatal(err)
	}
	if err := w.Put(article(n+1, "h1")); err != nil {
		t.Fatal(err)
	}
	if err := w.Remove([]string{"a00004"}); err != nil {
		t.Fatal(err)
	}
	check(3, "h2", true)
	check(n+1, "h1", true)
	check(4, "", false)
	if err := w.Flush(); err != nil {
		t.Fatal(err)
	}
	check(3, "h2", true)

	// Another connection wrote between two batches (Checkpoint counts it
	// in Resets, as it found data_version changed): the list is read
	// again, with that write.
	tx := w.(*writer).tx
	tx.mu.Lock()
	_, err = tx.conn.ExecContext(ctx, `UPDATE articles SET hash = 'h3' WHERE id = 'a00005'`)
	tx.resets++
	tx.mu.Unlock()
	if err != nil {
		t.Fatal(err)
	}
	check(5, "h3", true)
}
