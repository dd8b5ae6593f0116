package sqlite

import (
	"testing"
	"time"
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
