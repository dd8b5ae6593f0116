package sqlite

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/kg-dev/kg/graph"
)

// TestCommitGap checks the spacing of an ingest's commits: 25 times the
// last commit's cost, never under CommitInterval and never over
// CommitMaxInterval, which bounds the work a kill loses.
func TestCommitGap(t *testing.T) {
	for _, c := range []struct {
		cost, want time.Duration
	}{
		{0, CommitInterval},
		{10 * time.Millisecond, CommitInterval},
		{20 * time.Millisecond, CommitInterval},
		{30 * time.Millisecond, 750 * time.Millisecond},
		{40 * time.Millisecond, CommitMaxInterval},
		{650 * time.Millisecond, CommitMaxInterval}, // a slow commit on a busy machine: 16 s before
		{10 * time.Second, CommitMaxInterval},
	} {
		if got := commitGap(c.cost); got != c.want {
			t.Errorf("commitGap(%v) = %v, want %v", c.cost, got, c.want)
		}
	}
}

// TestFirstCommitAfterFirstArticle checks that a write session with the
// default batching commits its first article at once (the only commit
// with a rollback journal, kept small), then batches: the next articles,
// written well within CommitInterval, wait for a later commit.
func TestFirstCommitAfterFirstArticle(t *testing.T) {
	s, path := openTemp(t)
	w, err := s.Graph().Begin(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	defer w.Rollback()
	tx := w.(*writer).tx
	for i, want := range []int{1, 1, 1} {
		if err := w.Put(graph.Batch{Article: graph.ArticleRow{ID: fmt.Sprint("a", i), Hash: "h"}}); err != nil {
			t.Fatal(err)
		}
		if got := tx.Committed(); got != want {
			t.Errorf("after article %d: %d committed, want %d", i+1, got, want)
		}
	}
	if !tx.wal {
		t.Errorf("after the first commit %s is not in WAL mode", path)
	}
}
