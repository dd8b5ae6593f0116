package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"os"
	"strconv"
	"sync"
	"time"

	"github.com/kg-dev/kg/graph"
)

// This file is the embedded store as a graph.Store: Graph wraps a Store,
// its Writer wraps a Tx and commits it in batches.

// An ingest commits every CommitArticles articles or CommitInterval,
// whichever comes first, unless Graph.CommitEvery says otherwise; slow
// commits are spaced further apart (see commitGap), but never more than
// CommitMaxInterval: a kill, a full disk or Ctrl-C loses at most that
// much work, and a re-run skips what was committed. Each article's
// contribution is committed whole or not at all.
const (
	CommitArticles    = 5000
	CommitInterval    = 2 * time.Second
	CommitMaxInterval = 3 * time.Second
)

// commitGap is the least time between a commit that took cost and the
// next: 25 times its cost, so that commits take at most 4 % of the run,
// within [CommitInterval, CommitMaxInterval]. The upper bound is what a
// kill can lose in wall time: without it, commits costing 0.2–0.6 s on a
// busy machine were spaced 5–16 s apart, and a kill at 80 % of a
// 10,000-article ingest lost a third of the articles it had written.
// With it, commits slower than CommitMaxInterval/25 (120 ms) take more
// than 4 % of the run: at 0.25 s, 8 %.
func commitGap(cost time.Duration) time.Duration {
	return min(max(CommitInterval, 25*cost), CommitMaxInterval)
}

// Graph is the store as a graph.Store.
type Graph struct {
	*Store
	// CommitEvery makes a write session commit every CommitEvery articles
	// instead of every CommitArticles articles or CommitInterval.
	CommitEvery int
}

var _ graph.Store = (*Graph)(nil)

// Graph returns s as a graph.Store.
func (s *Store) Graph() *Graph { return &Graph{Store: s} }

// Where returns the store's file name.
func (g *Graph) Where() string { return g.path }

// Begin starts a write session: one Tx, committed every CommitEvery
// articles (or the default), and at Commit.
func (g *Graph) Begin(ctx context.Context) (graph.Writer, error) {
	tx, err := g.Store.Begin(ctx)
	if err != nil {
		return nil, err
	}
	return &writer{g: g, tx: tx, every: g.CommitEvery}, nil
}

// Versions returns the committed version of the articles ids (every
// article when ids is nil).
func (g *Graph) Versions(ctx context.Context, ids []string) (map[string]graph.ArticleVersion, error) {
	out := map[string]graph.ArticleVersion{}
	if ids == nil {
		rows, err := g.db.QueryContext(ctx, `SELECT id, hash, fingerprint FROM articles`)
		if err != nil {
			return nil, g.classify("listing articles", err)
		}
		defer rows.Close()
		for rows.Next() {
			var v graph.ArticleVersion
			if err := rows.Scan(&v.ID, &v.Hash, &v.Fingerprint); err != nil {
				return nil, g.classify("listing articles", err)
			}
			out[v.ID] = v
		}
		return out, g.classify("listing articles", rows.Err())
	}
	for _, id := range ids {
		v := graph.ArticleVersion{ID: id}
		err := g.db.QueryRowContext(ctx, `SELECT hash, fingerprint FROM articles WHERE id = ?`, id).Scan(&v.Hash, &v.Fingerprint)
		switch {
		case errors.Is(err, sql.ErrNoRows):
			continue
		case err != nil:
			return nil, g.classify("looking up article "+id, err)
		}
		out[id] = v
	}
	return out, nil
}

// Stats counts what the store holds.
func (g *Graph) Stats(ctx context.Context) (graph.Stats, error) {
	st := graph.Stats{Fingerprints: map[string]int64{}, Bytes: -1}
	var err error
	if st.Counts, err = g.Counts(ctx); err != nil {
		return st, err
	}
	rows, err := g.db.QueryContext(ctx, `SELECT fingerprint, count(*) FROM articles GROUP BY fingerprint`)
	if err != nil {
		return st, g.classify("counting articles", err)
	}
	for rows.Next() {
		var fp string
		var n int64
		if err := rows.Scan(&fp, &n); err != nil {
			rows.Close()
			return st, g.classify("counting articles", err)
		}
		if n > 0 {
			st.Fingerprints[fp] = n
		}
	}
	if err := rows.Close(); err != nil {
		return st, g.classify("counting articles", err)
	}
	var version int
	if err := g.db.QueryRowContext(ctx, "PRAGMA user_version").Scan(&version); err != nil {
		return st, g.classify("reading the schema version", err)
	}
	st.Schema = strconv.Itoa(version)
	if fi, err := os.Stat(g.path); err == nil {
		st.Bytes = fi.Size()
	}
	return st, nil
}

// Close closes the store.
func (g *Graph) Close() error { return g.Store.Close() }

// writer is a write session: a Tx committed in batches.
type writer struct {
	g     *Graph
	tx    *Tx
	every int // articles per commit; 0: CommitArticles or CommitInterval

	mu      sync.Mutex    // Put's batching state
	since   int           // articles written since the last commit
	last    time.Time     // the last commit (zero: none yet)
	cost    time.Duration // what the last commit took
	summary string
}

func (w *writer) Versions(ids []string) (map[string]graph.ArticleVersion, error) {
	return w.tx.versions(ids)
}

func (w *writer) Put(b graph.Batch) error {
	if err := w.tx.Put(b); err != nil {
		return err
	}
	w.mu.Lock()
	defer w.mu.Unlock()
	if w.last.IsZero() {
		w.last = time.Now()
	}
	w.since++
	due := w.since >= w.every
	if w.every <= 0 {
		due = w.since >= CommitArticles || time.Since(w.last) >= commitGap(w.cost)
	}
	if !due {
		return nil
	}
	start := time.Now()
	if err := w.tx.Checkpoint(); err != nil {
		return err
	}
	// A commit costs tens of milliseconds, more on a big store or a busy
	// machine: commitGap spaces the next one by that.
	w.cost = time.Since(start)
	w.since, w.last = 0, time.Now()
	return nil
}

func (w *writer) Remove(ids []string) error {
	for _, id := range ids {
		if err := w.tx.Remove(id); err != nil {
			return err
		}
	}
	return nil
}

func (w *writer) Flush() error { return w.tx.Checkpoint() }

func (w *writer) Commit() error {
	if _, err := w.tx.Commit(); err != nil {
		return err
	}
	ents, rels, err := w.g.Totals(w.tx.ctx)
	if err != nil {
		return err
	}
	w.summary = fmt.Sprintf("%d entities, %d relations", ents, rels)
	return nil
}

func (w *writer) Summary() string { return w.summary }

func (w *writer) Rollback() error { return w.tx.Rollback() }

func (w *writer) Atomic() bool { return true }

func (w *writer) Durable() int { return w.tx.Committed() }

// versions looks articles up inside the transaction, seeing its own
// writes.
func (t *Tx) versions(ids []string) (map[string]graph.ArticleVersion, error) {
	t.mu.Lock()
	defer t.mu.Unlock()
	if err := t.usable(); err != nil {
		return nil, err
	}
	out := make(map[string]graph.ArticleVersion, len(ids))
	for _, id := range ids {
		v := graph.ArticleVersion{ID: id}
		err := t.st.selVersion.QueryRowContext(t.ctx, id).Scan(&v.Hash, &v.Fingerprint)
		switch {
		case errors.Is(err, sql.ErrNoRows):
			continue
		case err != nil:
			return nil, t.s.classify("looking up article "+id, err)
		}
		out[id] = v
	}
	return out, nil
}
