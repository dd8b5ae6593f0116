package sqlite

import (
	"context"
	"fmt"
	"os"
	"strings"
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

// TestWALAfterFirstCommit checks the journal modes of a write session:
// the rollback journal until its first commit (so that a session ended
// before it leaves the file as it was), WAL after it, and the rollback
// journal again once it ends, with no -wal or -shm file left.
func TestWALAfterFirstCommit(t *testing.T) {
	s, path := openTemp(t)
	ctx := context.Background()
	// The file's own record of its mode: bytes 18 and 19 of the header
	// are 2 in WAL mode, 1 with a rollback journal.
	mode := func() string {
		t.Helper()
		b, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		switch {
		case b[18] == 2 && b[19] == 2:
			return "wal"
		case b[18] == 1 && b[19] == 1:
			return "delete"
		}
		return fmt.Sprintf("header bytes %d %d", b[18], b[19])
	}
	leftovers := func() []string {
		var out []string
		for _, suffix := range []string{"-wal", "-shm", "-journal"} {
			if _, err := os.Stat(path + suffix); err == nil {
				out = append(out, suffix)
			}
		}
		return out
	}
	for _, end := range []string{"commit", "rollback"} {
		tx, err := s.Begin(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if err := tx.Put(graph.Batch{Article: graph.ArticleRow{ID: "a-" + end, Hash: "h"}}); err != nil {
			t.Fatal(err)
		}
		if got := mode(); got != "delete" {
			t.Errorf("%s: before the first commit: journal mode %s, want delete", end, got)
		}
		if err := tx.Checkpoint(); err != nil {
			t.Fatal(err)
		}
		if got := mode(); got != "wal" {
			t.Errorf("%s: after the first commit: journal mode %s, want wal", end, got)
		}
		if err := tx.Put(graph.Batch{Article: graph.ArticleRow{ID: "b-" + end, Hash: "h"}}); err != nil {
			t.Fatal(err)
		}
		if end == "commit" {
			_, err = tx.Commit()
		} else {
			err = tx.Rollback()
		}
		if err != nil {
			t.Fatal(err)
		}
		if got := mode(); got != "delete" {
			t.Errorf("after %s: journal mode %s, want delete", end, got)
		}
		if l := leftovers(); len(l) > 0 {
			t.Errorf("after %s: %v left next to the store", end, l)
		}
	}
	vs, err := s.Graph().Versions(ctx, nil)
	if err != nil {
		t.Fatal(err)
	}
	if got := len(vs); got != 3 {
		t.Errorf("%d articles stored, want 3 (all but the rolled-back batch)", got)
	}
}

// TestMappedReaderDuringWrites: a store opened for reading with the file
// mapped (Options.Mapped, as kg query, show and search open it), kept
// open from before a write session, sees each of its commits as the file
// grows (the first with a rollback journal, the next ones in WAL mode)
// and the end of the session.
func TestMappedReaderDuringWrites(t *testing.T) {
	s, path := openTemp(t)
	ctx := context.Background()
	tx, err := s.Begin(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if err := tx.Put(graph.Batch{Article: graph.ArticleRow{ID: "a000", Hash: "h"}}); err != nil {
		t.Fatal(err)
	}
	if err := tx.Checkpoint(); err != nil {
		t.Fatal(err)
	}
	r, err := Open(ctx, path, Options{ReadOnly: true, Mapped: true, SkipCheck: true})
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	seen := func(want int) {
		t.Helper()
		vs, err := r.Graph().Versions(ctx, nil)
		if err != nil {
			t.Fatal(err)
		}
		if len(vs) != want {
			t.Fatalf("the mapped reader sees %d articles, want %d", len(vs), want)
		}
	}
	seen(1)
	n := 1
	for range 4 {
		// enough rows that the file grows by many pages between reads
		for range 200 {
			b := graph.Batch{Article: graph.ArticleRow{ID: fmt.Sprintf("a%03d", n), Hash: "h"}}
			b.Nodes = []graph.NodeRow{{ID: fmt.Sprintf("city:c%03d", n), Label: "City", Name: fmt.Sprintf("City %d %s", n, strings.Repeat("x", 200))}}
			if err := tx.Put(b); err != nil {
				t.Fatal(err)
			}
			n++
		}
		seen(n - 200) // not committed yet: not seen
		if err := tx.Checkpoint(); err != nil {
			t.Fatal(err)
		}
		seen(n)
	}
	if _, err := tx.Commit(); err != nil {
		t.Fatal(err)
	}
	seen(n)
}
