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
	CommitInterval    = 500 * time.Millisecond
	CommitMaxInterval = time.Second
)

// commitGap is the least time between a commit that took cost and the
// next: 25 times its cost, so that commits take at most 4 % of the run,
// within [CommitInterval, CommitMaxInterval]. The upper bound is what a
// kill can lose in wall time: without it, commits costing 0.2–0.6 s on a
// busy machine were spaced 5–16 s apart, and a kill at 80 % of a
// 10,000-article ingest lost a third of the articles it had written;
// with 3 s, 1.8 s of two cores' work, a quarter of the time a re-run
// took. Commits in WAL mode (see Store.Begin) cost little enough to come
// every second; commits slower than CommitMaxInterval/25 (40 ms) take
// more than 4 % of the run.
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
		rows, err := g.db.QueryContext(ctx, `SELECT id, `+versionColumns+` FROM articles`)
		if err != nil {
			return nil, g.classify("listing articles", err)
		}
		defer rows.Close()
		for rows.Next() {
			var v graph.ArticleVersion
			if err := scanVersion(rows, &v, &v.ID); err != nil {
				return nil, g.classify("listing articles", err)
			}
			out[v.ID] = v
		}
		return out, g.classify("listing articles", rows.Err())
	}
	for _, id := range ids {
		v := graph.ArticleVersion{ID: id}
		err := scanVersion(g.db.QueryRowContext(ctx, `SELECT `+versionColumns+` FROM articles WHERE id = ?`, id), &v)
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

// versionColumns are the columns of articles scanVersion reads.
const versionColumns = `hash, fingerprint, path, src_size, src_mtime`

// scanVersion reads versionColumns into v, after the columns first
// points to (the id, when listing).
func scanVersion(r interface{ Scan(...any) error }, v *graph.ArticleVersion, first ...any) error {
	var path string
	var size, mtime int64
	if err := r.Scan(append(first, &v.Hash, &v.Fingerprint, &path, &size, &mtime)...); err != nil {
		return err
	}
	if f := (graph.FileStamp{Path: path, Size: size, ModTime: mtime}); f.Known() {
		v.File = f
	}
	return nil
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

	vmu      sync.Mutex                      // the version list
	lookups  int                             // articles looked up one by one
	listed   map[string]graph.ArticleVersion // every article's version, once read
	listedAt int                             // tx.Resets() when listed was read

	mu      sync.Mutex    // Put's batching state
	since   int           // articles written since the last commit
	last    time.Time     // the last commit (zero: none yet)
	cost    time.Duration // what the last commit took
	summary string
}

// listAfter is how many articles a writer looks up one by one before it
// reads every article's version at once: an ingest asks for each of its
// inputs in turn, and past a few thousand one query over the table
// (10,000 rows in about 10 ms) costs less than a lookup each (13 µs).
const listAfter = 2000

// Versions looks the articles up inside the transaction (its own writes
// included): one query per article for the first listAfter, then from a
// list of every article's version read at once, which Put and Remove
// keep up to date and which is read again when another connection
// changed the store between two batches.
func (w *writer) Versions(ids []string) (map[string]graph.ArticleVersion, error) {
	w.vmu.Lock()
	defer w.vmu.Unlock()
	if w.listed != nil && w.tx.Resets() != w.listedAt {
		w.listed = nil
	}
	if w.listed == nil {
		if w.lookups += len(ids); w.lookups <= listAfter {
			return w.tx.versions(ids)
		}
		all, at, err := w.tx.allVersions()
		if err != nil {
			return nil, err
		}
		w.listed, w.listedAt = all, at
	}
	out := make(map[string]graph.ArticleVersion, len(ids))
	for _, id := range ids {
		if v, ok := w.listed[id]; ok {
			out[id] = v
		}
	}
	return out, nil
}

func (w *writer) Put(b graph.Batch) error {
	if err := w.tx.Put(b); err != nil {
		return err
	}
	w.vmu.Lock()
	if w.listed != nil {
		a := b.Article
		v := graph.ArticleVersion{ID: a.ID, Hash: a.Hash, Fingerprint: a.Fingerprint}
		if a.File.Known() {
			v.File = a.File
		}
		w.listed[a.ID] = v
	}
	w.vmu.Unlock()
	w.mu.Lock()
	defer w.mu.Unlock()
	w.since++
	due := w.since >= w.every
	if w.every <= 0 {
		// The session's first commit is its only one with a rollback
		// journal (Tx.Checkpoint goes on in WAL mode after it), which
		// copies every page it changes first: it comes after the first
		// article, which changes few. Into an 8,000-article store the
		// first 0.5 s of articles took 110–220 ms to commit so.
		due = w.last.IsZero() || w.since >= CommitArticles || time.Since(w.last) >= commitGap(w.cost)
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
		w.vmu.Lock()
		delete(w.listed, id)
		w.vmu.Unlock()
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

// allVersions reads every article's version inside the transaction, and
// Resets() as it was read.
func (t *Tx) allVersions() (map[string]graph.ArticleVersion, int, error) {
	t.mu.Lock()
	defer t.mu.Unlock()
	if err := t.usable(); err != nil {
		return nil, 0, err
	}
	rows, err := t.conn.QueryContext(t.ctx, `SELECT id, `+versionColumns+` FROM articles`)
	if err != nil {
		return nil, 0, t.s.classify("listing articles", err)
	}
	defer rows.Close()
	out := map[string]graph.ArticleVersion{}
	for rows.Next() {
		var v graph.ArticleVersion
		if err := scanVersion(rows, &v, &v.ID); err != nil {
			return nil, 0, t.s.classify("listing articles", err)
		}
		out[v.ID] = v
	}
	return out, t.resets, t.s.classify("listing articles", rows.Err())
}

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
		err := scanVersion(t.st.selVersion.QueryRowContext(t.ctx, id), &v)
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
